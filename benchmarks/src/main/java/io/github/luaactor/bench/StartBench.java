package io.github.luaactor.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 5b (start-up): time to start 10,000 actors running {@link Scripts#ADD_42} and have each answer one
 * request, in a fresh actor system (created and closed outside the timed part). Score: milliseconds.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(3)
public class StartBench {
    static final int ACTORS = 10_000;

    @State(Scope.Thread)
    public static class Project {
        LuaActorSystem system;

        @Setup(Level.Invocation)
        public void setup() {
            system = LuaActorSystem.create();
        }

        @TearDown(Level.Invocation)
        public void tearDown() {
            system.close();
        }
    }

    @State(Scope.Thread)
    public static class Pekko {
        ActorSystem<Void> system;

        @Setup(Level.Invocation)
        public void setup() {
            system = PekkoLua.system("start");
        }

        @TearDown(Level.Invocation)
        public void tearDown() {
            PekkoLua.terminate(system);
        }
    }

    @Benchmark
    public void project(Project s) throws Exception {
        LuaMessage hundred = LuaMessage.from(100);
        CompletableFuture<?>[] replies = new CompletableFuture<?>[ACTORS];
        for (int i = 0; i < ACTORS; i++) {
            replies[i] = LuaActorBuilder.create().name("s-" + i).onHandle(Scripts.ADD_42).start(s.system)
                    .send(hundred);
        }
        CompletableFuture.allOf(replies).get(120, TimeUnit.SECONDS);
    }

    @Benchmark
    public void pekko(Pekko s) throws Exception {
        CompletableFuture<?>[] replies = new CompletableFuture<?>[ACTORS];
        for (int i = 0; i < ACTORS; i++) {
            replies[i] = PekkoLua.ask(s.system,
                    PekkoLua.spawn(s.system, PekkoLua.luaActor(Scripts.ADD_42, null), "s-" + i), 100);
        }
        CompletableFuture.allOf(replies).get(120, TimeUnit.SECONDS);
    }
}
