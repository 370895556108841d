package io.github.luaactor.bench;

import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.micrometer.LuaActorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 1 (tell) and 6 (metrics on/off): one producer sends 2,000,000 fire-and-forget messages into one actor
 * running {@link Scripts#ADD_TO_STATE}; the invocation ends when a final request/reply sent after them is answered,
 * i.e. when the last message has been handled. Score: messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class TellBench {
    static final int MESSAGES = 2_000_000;

    @State(Scope.Benchmark)
    public static class Project {
        /**
         * {@code on}: the starter's own {@link LuaActorMetrics} (every meter of the observability issue, both timers
         * included) bound to a Micrometer {@code SimpleMeterRegistry}.
         */
        @Param({"off", "on"})
        public String metrics;

        LuaActorSystem system;
        LuaActorRef actor;
        final LuaMessage one = LuaMessage.from(1);

        @Setup
        public void setup() {
            LuaActorSystem.Builder builder = LuaActorSystem.builder();
            if ("on".equals(metrics)) {
                LuaActorMetrics metrics = new LuaActorMetrics();
                metrics.bindTo(new SimpleMeterRegistry());
                builder.monitor(metrics);
            }
            system = builder.build();
            // Unbounded mailbox: the default (10,000, REJECT) would refuse a 2,000,000-message burst.
            actor = LuaActorBuilder.create().name("counter").onHandle(Scripts.ADD_TO_STATE).mailboxCapacity(0)
                    .start(system);
        }

        @TearDown
        public void tearDown() {
            system.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem<Void> system;
        ActorRef<PekkoLua.Msg> actor;
        final PekkoLua.Tell one = new PekkoLua.Tell(1);

        @Setup
        public void setup() {
            system = PekkoLua.system("tell");
            actor = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_TO_STATE, null), "counter");
        }

        @TearDown
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    /** The floor: the same compiled chunk called in a loop on one thread, no actor at all. */
    @State(Scope.Thread)
    public static class Bare {
        static final LuaString MSG = LuaString.valueOf("msg");
        final LuaValue one = LuaValue.valueOf(1);
        LuaTable ctx;
        LuaValue chunk;

        @Setup
        public void setup() {
            Globals globals = JsePlatform.standardGlobals();
            ctx = new LuaTable();
            ctx.set("state", new LuaTable());
            globals.set("ctx", ctx);
            chunk = globals.load(Scripts.ADD_TO_STATE, "handler");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public LuaMessage project(Project s) throws Exception {
        return Waits.tellThenAsk(s.actor, s.one, MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Integer pekko(Pekko s) throws Exception {
        return PekkoLua.tellThenAsk(s.system, s.actor, s.one, MESSAGES);
    }

    @Benchmark
    public LuaValue bareLuaj(Bare s) {
        s.ctx.rawset(Bare.MSG, s.one);
        return s.chunk.call();
    }
}
