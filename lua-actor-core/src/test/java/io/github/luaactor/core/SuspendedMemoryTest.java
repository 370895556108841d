package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Handlers suspended in {@code ctx.send} keep their locals until they resume: what they hold counts towards the
 * actor's memory limit, so a script cannot park gigabytes in suspended handlers below the quota of suspended
 * handlers. Interpreted handlers' registers are walked; a compiled handler keeps its locals in JVM locals, so what
 * its turn allocated until it suspended is held on the actor's account instead (docs/security.md, "Memory").
 */
class SuspendedMemoryTest extends ActorTestSupport {
    private static final long LIMIT = 2L * 1024 * 1024;

    @Override
    protected LuaActorSystem newSystem() {
        // Each test builds its own, compiled or interpreted.
        return LuaActorSystem.create();
    }

    /** The handler waits in ctx.send itself, or in a coroutine it parks in while it waits. */
    private static final String DIRECT = """
            local big = ('x'):rep(2^19) .. ctx.msg
            ctx.send('slow', 'wait')
            return #big""";
    private static final String IN_COROUTINE = """
            local big = ('x'):rep(2^19) .. ctx.msg
            coroutine.wrap(function() ctx.send('slow', 'wait') end)()
            return #big""";

    static Stream<Arguments> handlers() {
        return Stream.of(Arguments.of(false, "direct", DIRECT), Arguments.of(true, "direct", DIRECT),
                Arguments.of(false, "in a coroutine", IN_COROUTINE), Arguments.of(true, "in a coroutine", IN_COROUTINE));
    }

    @ParameterizedTest(name = "compiled handlers: {0}, waits {1}")
    @MethodSource("handlers")
    void theLocalsOfSuspendedHandlersCountTowardsTheLimit(boolean compiled, String where, String handler)
            throws Exception {
        system.close();
        system = LuaActorSystem.builder().compileHandlers(compiled).build();
        CountDownLatch release = new CountDownLatch(1);
        system.addRecipient("slow", message -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LuaMessage.NIL;
        });
        LuaActorRef parker = LuaActorBuilder.create().name("parker").instructionLimit(0)
                .settings(s -> s.withMemoryLimit(LIMIT).withOnFailure(FailurePolicy.RESUME)).onHandle(handler).start(system);
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(parker.send(LuaMessage.from(i)));
        }
        // Each handler that suspends keeps 512 KiB; the ones beyond the 2 MiB limit fail at their allocation.
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<LuaMessage> reply : replies) {
            if (reply.isCompletedExceptionally()) {
                failures.add(failureOf(reply));
            }
        }
        awaitFailures(replies, 12 - 4);
        release.countDown();
        int answered = 0;
        for (CompletableFuture<LuaMessage> reply : replies) {
            try {
                assertThat(reply.get(30, TimeUnit.SECONDS).toJava()).isIn(524289L, 524290L);
                answered++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(MemoryLimitExceededException.class)
                        .hasMessageContaining("parker").hasMessageContaining("parker.handle:1");
            }
        }
        assertThat(answered).isBetween(1, 4);
        assertThat(failures).allMatch(MemoryLimitExceededException.class::isInstance);
        assertThat(parker.isAlive()).isTrue();
        // Resumed handlers give back what they held: one at a time, every handler fits again.
        for (int i = 0; i < 12; i++) {
            assertThat(join(parker.send(LuaMessage.from(i))).toJava()).isIn(524289L, 524290L);
        }
    }

    /**
     * A large reply to ctx.send is charged to the turn: a handler that keeps one (in a compiled local too) and waits
     * again holds it on the actor's account.
     */
    @ParameterizedTest(name = "compiled handlers: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void largeRepliesKeptAcrossASuspensionCountTowardsTheLimit(boolean compiled) throws Exception {
        system.close();
        system = LuaActorSystem.builder().compileHandlers(compiled).build();
        CountDownLatch release = new CountDownLatch(1);
        String big = "y".repeat(1 << 19);
        system.addRecipient("big", message -> LuaMessage.from(big));
        system.addRecipient("slow", message -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LuaMessage.NIL;
        });
        LuaActorRef keeper = LuaActorBuilder.create().name("keeper").instructionLimit(0)
                .settings(s -> s.withMemoryLimit(LIMIT).withOnFailure(FailurePolicy.RESUME)).onHandle("""
                        local kept = ctx.send('big', ctx.msg)
                        ctx.send('slow', 'wait')
                        return #kept""").start(system);
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(keeper.send(LuaMessage.from(i)));
        }
        awaitFailures(replies, 12 - 4);
        release.countDown();
        int answered = 0;
        for (CompletableFuture<LuaMessage> reply : replies) {
            try {
                assertThat(reply.get(30, TimeUnit.SECONDS).toJava()).isEqualTo(524288L);
                answered++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(MemoryLimitExceededException.class)
                        .hasMessageContaining("keeper").hasMessageContaining("keeper.handle:1");
            }
        }
        assertThat(answered).isBetween(1, 4);
        assertThat(keeper.isAlive()).isTrue();
    }

    /** Waits until at least {@code count} replies failed: the failing handlers do not wait for the slow recipient. */
    private static void awaitFailures(List<CompletableFuture<LuaMessage>> replies, int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> replies.stream().filter(CompletableFuture::isCompletedExceptionally).count() >= count);
    }
}
