package io.github.luaactor.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 3 (lua-to-lua): Java asks actor A, whose handler is {@link Scripts#ASK_B}; B runs
 * {@link Scripts#ADD_1}. 64 requests in flight; score: completed A round trips (each containing an A→B round
 * trip) per second. The Pekko baseline runs each A handler in a LuaJ coroutine that yields at {@code ctx.send}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class LuaToLuaBench {
    static final int IN_FLIGHT = 64;
    static final int PROJECT_REQUESTS = 10_000;
    /** Fewer per invocation: the coroutine baseline manages only a few thousand per second. */
    static final int PEKKO_REQUESTS = 1_000;

    @State(Scope.Benchmark)
    public static class Project {
        LuaActorSystem system;
        LuaActorRef a;
        final LuaMessage hundred = LuaMessage.from(100);

        @Setup
        public void setup() {
            system = LuaActorSystem.create();
            LuaActorBuilder.create().name("B").onHandle(Scripts.ADD_1).start(system);
            a = LuaActorBuilder.create().name("A").onHandle(Scripts.ASK_B).start(system);
        }

        @TearDown
        public void tearDown() {
            system.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem<Void> system;
        ActorRef<PekkoLua.Msg> a;

        @Setup
        public void setup() {
            system = PekkoLua.system("luatolua");
            ActorRef<PekkoLua.Msg> b = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_1, null), "B");
            a = PekkoLua.spawn(system, PekkoLua.coroutineActor(Scripts.ASK_B, Map.of("B", b)), "A");
        }

        @TearDown
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PROJECT_REQUESTS)
    public void project(Project s) throws Exception {
        Waits.pipeline(PROJECT_REQUESTS, IN_FLIGHT, i -> s.a.send(s.hundred));
    }

    @Benchmark
    @OperationsPerInvocation(PEKKO_REQUESTS)
    public void pekkoCoroutines(Pekko s) throws Exception {
        Waits.pipeline(PEKKO_REQUESTS, IN_FLIGHT, i -> PekkoLua.ask(s.system, s.a, 100));
    }
}
