package io.github.luaactor.bench;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 7 (scaling): N busy actors running {@link Scripts#BUSY_CHAIN}. Each actor gets 4 chains of messages;
 * a handler does a little Lua work and sends itself the next message of its chain, so the actors keep the cores
 * busy with no producer thread. 400,000 messages per invocation in all. Score: messages per second;
 * the ratio of N = 100 to N = 1 shows how well two cores are used.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ScalingBench {
    static final int TOTAL = 400_000;
    static final int CHAINS = 4;

    @State(Scope.Benchmark)
    public static class Project {
        @Param({"1", "2", "4", "10", "100", "1000"})
        public int actors;

        LuaActorSystem system;
        LuaActorRef[] refs;
        ProjectCounters counters;
        LuaMessage chain;
        int perActor;
        long rounds;

        @Setup
        public void setup() {
            system = LuaActorSystem.create();
            refs = new LuaActorRef[actors];
            for (int i = 0; i < actors; i++) {
                refs[i] = LuaActorBuilder.create().name("busy-" + i).onHandle(Scripts.BUSY_CHAIN).start(system);
            }
            counters = new ProjectCounters(refs);
            perActor = TOTAL / actors;
            chain = LuaMessage.from(perActor / CHAINS);
            perActor = perActor / CHAINS * CHAINS;
        }

        @TearDown
        public void tearDown() {
            system.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        @Param({"1", "2", "4", "10", "100", "1000"})
        public int actors;

        ActorSystem<Void> system;
        @SuppressWarnings("rawtypes")
        ActorRef[] refs;
        final LongAdder handled = new LongAdder();
        PekkoLua.Tell chain;
        int perActor;
        long rounds;

        @Setup
        public void setup() {
            system = PekkoLua.system("scaling");
            refs = new ActorRef[actors];
            for (int i = 0; i < actors; i++) {
                refs[i] = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.BUSY_CHAIN, handled), "busy-" + i);
            }
            perActor = TOTAL / actors;
            chain = new PekkoLua.Tell(perActor / CHAINS);
            perActor = perActor / CHAINS * CHAINS;
        }

        @TearDown
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public void project(Project s) {
        s.rounds++;
        for (int c = 0; c < CHAINS; c++) {
            for (LuaActorRef ref : s.refs) {
                ref.doSend(s.chain);
            }
        }
        s.counters.awaitEach(s.rounds * s.perActor);
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    @SuppressWarnings("unchecked")
    public void pekko(Pekko s) {
        s.rounds++;
        for (int c = 0; c < CHAINS; c++) {
            for (ActorRef<PekkoLua.Msg> ref : s.refs) {
                ref.tell(s.chain);
            }
        }
        Waits.until(s.handled::sum, s.rounds * s.perActor * s.actors);
    }
}
