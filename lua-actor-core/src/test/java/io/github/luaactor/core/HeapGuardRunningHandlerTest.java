package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heap guard against a handler that is running when it acts: the handler fails at its next check with the
 * guard's reason and its own line, instead of running on to its timeout (or, compiled and filling its locals, to
 * the JVM's {@code OutOfMemoryError}); and a compiled handler's allocation in the running turn counts in its actor's
 * memory estimate, since its JVM locals may hold it where no walk looks. As in {@link HeapGuardTest}, a second system
 * arms a threshold so low that any collection passes it, once the actors are running.
 */
class HeapGuardRunningHandlerTest {
    /** Long enough that only the guard can end the spinning handlers below. */
    private static final Duration LONG = Duration.ofMinutes(2);
    private static final double HEAP_GUARD_DEFAULT = 0.9;

    private LuaActorSystem system;

    @AfterEach
    void close() {
        if (system != null) {
            system.close();
        }
    }

    private LuaActorRef start(String name, String handle) {
        return LuaActorBuilder.create().name(name).instructionLimit(0)
                .settings(s -> s.withHandlerTimeout(LONG)).onHandle(handle).start(system);
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {true, false})
    void aHandlerRunningWhenTheGuardStopsItsActorFailsAtItsLine(boolean compiled) throws Exception {
        system = LuaActorSystem.builder().compileHandlers(compiled).build();
        CountDownLatch spinning = new CountDownLatch(1);
        system.addRecipient("spinning", msg -> {
            spinning.countDown();
            return LuaMessage.from(true);
        });
        LuaActorRef holder = start("holder", """
                if ctx.msg == 'fill' then
                  ctx.state.t = {} for i = 1, 64 do ctx.state.t[i] = ('x'):rep(2^14) .. i end
                  return #ctx.state.t
                end
                ctx.do_send('spinning', 1)
                local n = 0
                while true do
                  n = n + 1
                end""");
        LuaActorRef small = start("small", "ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n");
        assertThat(ask(holder, "fill")).isEqualTo(LuaMessage.from(64));
        assertThat(ask(small, 1)).isEqualTo(LuaMessage.from(1));
        CompletableFuture<LuaMessage> spin = holder.send(LuaMessage.from("spin"));
        assertThat(spinning.await(30, TimeUnit.SECONDS)).isTrue();

        Throwable failure = failureWhileTheGuardActs(spin);

        assertThat(failure).isInstanceOf(MemoryLimitExceededException.class)
                .hasMessageContaining("Lua actor 'holder'").hasMessageContaining("stopped by the heap guard")
                .hasMessageContaining("(heap-guard-threshold)");
        MemoryLimitExceededException stopped = (MemoryLimitExceededException) failure;
        assertThat(stopped.chunk()).isEqualTo("holder.handle");
        assertThat(stopped.line()).as("the loop's lines").isBetween(7, 9);
        assertThat(stopped.size()).as("what the actor held: its state").isGreaterThan(64L * 16_384);
        await().atMost(Duration.ofSeconds(30)).until(() -> !holder.isAlive());
        assertThat(holder.statistics().lastError().message()).contains("heap guard");
        assertThat(small.isAlive()).isTrue();
    }

    @Test
    void aCompiledHandlerFillingItsLocalsCountsAndIsTheOneStopped() throws Exception {
        system = LuaActorSystem.builder().compileHandlers(true).build();
        // 'keeper' holds 1 MiB in its state, more than the compiled handler's globals and state: only the running
        // turn's allocation (a ring of strings in a local) makes the filler's estimate the largest.
        LuaActorRef keeper = start("keeper", """
                ctx.state.t = {} for i = 1, 64 do ctx.state.t[i] = ('k'):rep(2^14) .. i end
                return #ctx.state.t""");
        LuaActorRef filler = start("filler", """
                local keep, i = {}, 0
                while true do
                  i = i + 1
                  keep[i % 256 + 1] = ('x'):rep(4096) .. i
                end""");
        assertThat(ask(keeper, 1)).isEqualTo(LuaMessage.from(64));
        long limit = filler.statistics().memoryLimit();
        CompletableFuture<LuaMessage> filling = filler.send(LuaMessage.from("go"));
        await().atMost(Duration.ofSeconds(60)).until(() -> filler.statistics().memoryEstimate() > 4 * limit);
        assertThat(keeper.statistics().memoryEstimate()).isLessThan(limit);

        Throwable failure = failureWhileTheGuardActs(filling);

        assertThat(failure).isInstanceOf(MemoryLimitExceededException.class)
                .hasMessageContaining("Lua actor 'filler'").hasMessageContaining("stopped by the heap guard");
        assertThat(((MemoryLimitExceededException) failure).line()).isBetween(2, 5);
        assertThat(keeper.isAlive()).as("the actor whose walk found the most is not the one stopped").isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !filler.isAlive());
    }

    /**
     * Arms the low threshold and collects until {@code running} fails, then arms the default threshold again (the
     * system built last sets it), before a later collection could pass the low one and stop another actor.
     */
    private static Throwable failureWhileTheGuardActs(CompletableFuture<LuaMessage> running) {
        try (LuaActorSystem lowThreshold = LuaActorSystem.builder().heapGuardThreshold(0.0001).build()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                System.gc();
                return running.isDone();
            });
        }
        LuaActorSystem.builder().heapGuardThreshold(HEAP_GUARD_DEFAULT).build().close();
        assertThat(running).isCompletedExceptionally();
        return running.handle((reply, thrown) -> thrown).join();
    }

    private static LuaMessage ask(LuaActorRef actor, Object message) {
        return actor.send(LuaMessage.from(message)).orTimeout(30, TimeUnit.SECONDS).join();
    }
}
