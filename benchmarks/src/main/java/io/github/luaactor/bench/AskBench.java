package io.github.luaactor.bench;

import java.time.Duration;
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
 * Workload 2 (ask): request/reply from a Java thread into {@link Scripts#ADD_42}. Sequential: microseconds per
 * round trip. In flight: requests per second with 64 outstanding.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class AskBench {
    static final int IN_FLIGHT = 64;
    static final int REQUESTS = 20_000;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @State(Scope.Benchmark)
    public static class Project {
        LuaActorSystem system;
        LuaActorRef actor;
        final LuaMessage hundred = LuaMessage.from(100);

        @Setup
        public void setup() {
            system = LuaActorSystem.create();
            actor = LuaActorBuilder.create().name("adder").onHandle(Scripts.ADD_42).start(system);
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

        @Setup
        public void setup() {
            system = PekkoLua.system("ask");
            actor = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_42, null), "adder");
        }

        @TearDown
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    /** The blocking request API, {@link LuaActorRef#call}: an idle actor runs the handler on the caller's thread. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public LuaMessage projectSequential(Project s) {
        return s.actor.call(s.hundred, TIMEOUT);
    }

    /**
     * The asynchronous API waited on: {@code ADD_42} cannot wait in {@code ctx.send}, so an idle actor runs it on the
     * sender's thread and the future comes back completed (see docs/threading-model.md).
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public LuaMessage projectSequentialAsync(Project s) throws Exception {
        return s.actor.send(s.hundred).get(60, TimeUnit.SECONDS);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Integer pekkoSequential(Pekko s) throws Exception {
        return PekkoLua.ask(s.system, s.actor, 100).get(60, TimeUnit.SECONDS);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(REQUESTS)
    public void projectInFlight64(Project s) throws Exception {
        Waits.pipeline(REQUESTS, IN_FLIGHT, i -> s.actor.send(s.hundred));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(REQUESTS)
    public void pekkoInFlight64(Pekko s) throws Exception {
        Waits.pipeline(REQUESTS, IN_FLIGHT, i -> PekkoLua.ask(s.system, s.actor, 100));
    }
}
