package io.github.luaactor.bench;

import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.json.JsonModule;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;
import org.luaj.vm2.luajc.LuaJC;
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
 * Workload 8 (issue 18): handlers as users write them ({@link RealisticScripts}), told into one actor like
 * {@link TellBench}, 500,000 messages per invocation; and the same chunk called in a loop by bare LuaJ, interpreted
 * and compiled with {@code luajc}, with no budget at all. The baselines get the project's {@code json} module (the
 * same Jackson streaming code), so that the JSON row compares the actors and not two JSON libraries; one more
 * Pekko run ({@link #pekkoHandWrittenJson}) gives its actor the {@code json} its user would write instead.
 * Score: messages (calls) per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class RealisticBench {
    static final int MESSAGES = 500_000;

    @State(Scope.Benchmark)
    public static class Project {
        @Param({"window", "query", "fold", "json"})
        public String handler;

        LuaActorSystem system;
        LuaActorRef actor;
        final LuaMessage one = LuaMessage.from(1);

        @Setup
        public void setup() {
            system = LuaActorSystem.create();
            actor = LuaActorBuilder.create().name("worker").onHandle(RealisticScripts.BY_NAME.get(handler))
                    .mailboxCapacity(0).start(system);
        }

        @TearDown
        public void tearDown() {
            system.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        @Param({"window", "query", "fold", "json"})
        public String handler;

        ActorSystem<Void> system;
        ActorRef<PekkoLua.Msg> actor;
        final PekkoLua.Tell one = new PekkoLua.Tell(1);

        @Setup
        public void setup() {
            system = PekkoLua.system("realistic");
            actor = PekkoLua.spawn(system, PekkoLua.luaActor(RealisticScripts.BY_NAME.get(handler), null,
                    RealisticBench::installJson), "worker");
        }

        @TearDown
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    /**
     * The JSON handler in the Pekko + LuaJ actor with the {@code json} module its user writes by hand
     * ({@link HandWrittenJson}): what that actor costs without the project's decoder.
     */
    @State(Scope.Benchmark)
    public static class PekkoHandWrittenJson {
        ActorSystem<Void> system;
        ActorRef<PekkoLua.Msg> actor;
        final PekkoLua.Tell one = new PekkoLua.Tell(1);

        @Setup
        public void setup() {
            system = PekkoLua.system("realistic-json");
            actor = PekkoLua.spawn(system, PekkoLua.luaActor(RealisticScripts.JSON, null, HandWrittenJson::install),
                    "worker");
        }

        @TearDown
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    /** The chunk in a loop on one thread: no actor, no sandbox, no budget. */
    @State(Scope.Thread)
    public static class Bare {
        static final LuaString MSG = LuaString.valueOf("msg");

        @Param({"window", "query", "fold", "json"})
        public String handler;

        @Param({"interpreted", "luajc"})
        public String mode;

        final LuaValue one = LuaValue.valueOf(1);
        LuaTable ctx;
        LuaValue chunk;

        @Setup
        public void setup() {
            Globals globals = JsePlatform.standardGlobals();
            if ("luajc".equals(mode)) {
                LuaJC.install(globals);
            }
            installJson(globals);
            ctx = new LuaTable();
            ctx.set("state", new LuaTable());
            globals.set("ctx", ctx);
            chunk = globals.load(RealisticScripts.BY_NAME.get(handler), "handler");
        }
    }

    static void installJson(Globals globals) {
        LuaTable json = new LuaTable();
        JsonModule.install(json, () -> Integer.MAX_VALUE);
        // What require('json') finds, as in the project's VMs.
        globals.get("package").get("loaded").set("json", json);
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
    @OperationsPerInvocation(MESSAGES)
    public Integer pekkoHandWrittenJson(PekkoHandWrittenJson s) throws Exception {
        return PekkoLua.tellThenAsk(s.system, s.actor, s.one, MESSAGES);
    }

    @Benchmark
    public LuaValue bare(Bare s) {
        s.ctx.rawset(Bare.MSG, s.one);
        return s.chunk.call();
    }
}
