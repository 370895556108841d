package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Handlers suspended in {@code ctx.send} keep their locals until they resume: what they hold counts towards the
 * actor's memory limit, so a script cannot park gigabytes in suspended handlers below the quota of suspended
 * handlers. Interpreted: compiled frames keep their locals in JVM locals (docs/security.md, "Memory").
 */
class SuspendedMemoryTest extends ActorTestSupport {
    private static final long LIMIT = 2L * 1024 * 1024;

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }

    @Test
    void theLocalsOfSuspendedHandlersCountTowardsTheLimit() throws Exception {
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
                .settings(s -> s.withMemoryLimit(LIMIT).withOnFailure(FailurePolicy.RESUME)).onHandle("""
                        local big = ('x'):rep(2^19) .. ctx.msg
                        ctx.send('slow', 'wait')
                        return #big""").start(system);
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
    }

    /** Waits until at least {@code count} replies failed: the failing handlers do not wait for the slow recipient. */
    private static void awaitFailures(List<CompletableFuture<LuaMessage>> replies, int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> replies.stream().filter(CompletableFuture::isCompletedExceptionally).count() >= count);
    }
}
