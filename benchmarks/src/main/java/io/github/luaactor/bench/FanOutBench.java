package io.github.luaactor.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
 * Workload 4 (fan-out): 10,000 actors running {@link Scripts#ADD_TO_STATE}; two producer threads each send 50
 * messages to every actor, round robin (100 per actor, 1,000,000 in all); the invocation ends when every actor has
 * handled its 100. Score: messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class FanOutBench {
    static final int ACTORS = 10_000;
    static final int PER_ACTOR = 100;
    static final int PRODUCERS = 2;

    @State(Scope.Benchmark)
    public static class Project {
        LuaActorSystem system;
        LuaActorRef[] actors = new LuaActorRef[ACTORS];
        ProjectCounters counters;
        ExecutorService producers;
        final LuaMessage one = LuaMessage.from(1);
        long rounds;

        @Setup
        public void setup() {
            system = LuaActorSystem.create();
            for (int i = 0; i < ACTORS; i++) {
                actors[i] = LuaActorBuilder.create().name("fan-" + i).onHandle(Scripts.ADD_TO_STATE).start(system);
            }
            counters = new ProjectCounters(actors);
            producers = Executors.newFixedThreadPool(PRODUCERS);
        }

        @TearDown
        public void tearDown() {
            producers.shutdownNow();
            system.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem<Void> system;
        @SuppressWarnings("unchecked")
        ActorRef<PekkoLua.Msg>[] actors = new ActorRef[ACTORS];
        final LongAdder handled = new LongAdder();
        ExecutorService producers;
        final PekkoLua.Tell one = new PekkoLua.Tell(1);
        long rounds;

        @Setup
        public void setup() {
            system = PekkoLua.system("fanout");
            for (int i = 0; i < ACTORS; i++) {
                actors[i] = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_TO_STATE, handled), "fan-" + i);
            }
            producers = Executors.newFixedThreadPool(PRODUCERS);
        }

        @TearDown
        public void tearDown() {
            producers.shutdownNow();
            PekkoLua.terminate(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ACTORS * PER_ACTOR)
    public void project(Project s) throws Exception {
        s.rounds++;
        Future<?>[] running = new Future<?>[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            running[p] = s.producers.submit(() -> {
                for (int r = 0; r < PER_ACTOR / PRODUCERS; r++) {
                    for (LuaActorRef actor : s.actors) {
                        actor.doSend(s.one);
                    }
                }
            });
        }
        for (Future<?> f : running) {
            f.get();
        }
        s.counters.awaitEach(s.rounds * PER_ACTOR);
    }

    @Benchmark
    @OperationsPerInvocation(ACTORS * PER_ACTOR)
    public void pekko(Pekko s) throws Exception {
        s.rounds++;
        Future<?>[] running = new Future<?>[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            running[p] = s.producers.submit(() -> {
                for (int r = 0; r < PER_ACTOR / PRODUCERS; r++) {
                    for (ActorRef<PekkoLua.Msg> actor : s.actors) {
                        actor.tell(s.one);
                    }
                }
            });
        }
        for (Future<?> f : running) {
            f.get();
        }
        Waits.until(s.handled::sum, s.rounds * ACTORS * PER_ACTOR);
    }
}
