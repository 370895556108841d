package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a shutdown that runs out of time does: abandoned handlers are dead letters, {@code on_stopped} still runs, and
 * the whole shutdown is bounded by one shutdown timeout.
 */
class ShutdownTest {
    private final CountDownLatch never = new CountDownLatch(1);
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final List<LuaMessage> obituaries = new CopyOnWriteArrayList<>();

    @AfterEach
    void release() {
        never.countDown();
    }

    private LuaActorSystem system(Duration shutdownTimeout) {
        LuaActorSystem system = LuaActorSystem.builder().shutdownTimeout(shutdownTimeout)
                .deadLetterListener(deadLetters::add).build();
        // A Java recipient that answers only when the test ends: a ctx.send to it stays suspended.
        system.addRecipient("blocker", msg -> {
            never.await(60, TimeUnit.SECONDS);
            return LuaMessage.NIL;
        });
        system.addRecipient("obituary", msg -> {
            obituaries.add(msg);
            return LuaMessage.NIL;
        });
        return system;
    }

    @Test
    void handlerAbandonedInCtxSendIsADeadLetterAndOnStoppedStillRuns() {
        LuaActorSystem system = system(Duration.ofMillis(300));
        LuaActorRef waiter = LuaActorBuilder.create().name("waiter")
                .onHandle("return ctx.send('blocker', ctx.msg)")
                .onStopped("ctx.do_send('obituary', 'waiter stopped')").start(system);
        CompletableFuture<LuaMessage> reply = waiter.send(LuaMessage.from("stuck-1"));
        await().until(() -> waiter.statistics().suspended() == 1);

        system.close();

        assertThat(reply).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(ActorStoppedException.class);
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.actor()).isEqualTo("waiter");
            assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.SHUTDOWN_TIMEOUT);
            assertThat(letter.message()).isEqualTo(LuaMessage.from("stuck-1"));
        });
        assertThat(waiter.statistics().rejected()).containsEntry(DeadLetter.Reason.SHUTDOWN_TIMEOUT, 1L);
        await().until(() -> obituaries.contains(LuaMessage.from("waiter stopped")));
        assertThat(waiter.state()).isEqualTo(ActorState.STOPPED);
    }

    @Test
    void fireAndForgetAbandonedInCtxSendIsADeadLetterWithItsSender() {
        LuaActorSystem system = system(Duration.ofMillis(300));
        LuaActorBuilder.create().name("waiter").onHandle("ctx.send('blocker', ctx.msg)").start(system);
        LuaActorRef forwarder = LuaActorBuilder.create().name("forwarder")
                .onHandle("ctx.do_send('waiter', ctx.msg)").start(system);
        forwarder.doSend(LuaMessage.from("via-forwarder"));
        await().until(() -> system.actor("waiter").orElseThrow().statistics().suspended() == 1);

        system.close();

        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.SHUTDOWN_TIMEOUT);
            assertThat(letter.sender()).isEqualTo("forwarder");
            assertThat(letter.message()).isEqualTo(LuaMessage.from("via-forwarder"));
        });
    }

    @Test
    void onStoppedAfterTheTimeoutCannotWaitPastTheDeadline() {
        // The old behaviour waited the timeout, then up to as long again for forced stops: 4 s here.
        Duration timeout = Duration.ofSeconds(2);
        LuaActorSystem system = system(timeout);
        // A recipient of its own: close() has emptied the system's name space by the time the hook's send fails.
        LuaActorRef waiter = LuaActorBuilder.create().name("waiter").askTimeout(Duration.ofSeconds(60))
                .addRecipient("obituary", msg -> {
                    obituaries.add(msg);
                    return LuaMessage.NIL;
                })
                .onHandle("return ctx.send('blocker', ctx.msg)")
                .onStopped("""
                        local ok, err = pcall(ctx.send, 'blocker', 'from on_stopped')
                        ctx.do_send('obituary', ok and 'answered' or err)""").start(system);
        waiter.doSend(LuaMessage.from("stuck"));
        await().until(() -> waiter.statistics().suspended() == 1);

        long start = System.nanoTime();
        system.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).as("close() is bounded by one shutdown timeout, not two")
                .isLessThan(timeout.toMillis() * 3 / 2);
        await().until(() -> !obituaries.isEmpty());
        assertThat(obituaries).singleElement().satisfies(
                msg -> assertThat(msg.toJava().toString()).startsWith("timeout"));
    }

    @Test
    void stopAllStopsEveryActorButLeavesTheSystemOpen() {
        try (LuaActorSystem system = system(Duration.ofMillis(300))) {
            LuaActorRef waiter = LuaActorBuilder.create().name("waiter")
                    .onHandle("return ctx.send('blocker', ctx.msg)").start(system);
            LuaActorRef quick = LuaActorBuilder.create().name("quick").onHandle("return ctx.msg")
                    .onStopped("ctx.do_send('obituary', 'quick stopped')").start(system);
            waiter.doSend(LuaMessage.from("stuck"));
            await().until(() -> waiter.statistics().suspended() == 1);

            system.stopAll(Duration.ofMillis(300));

            assertThat(waiter.isAlive()).isFalse();
            assertThat(quick.state()).isEqualTo(ActorState.STOPPED);
            assertThat(deadLetters).extracting(DeadLetter::reason).containsExactly(DeadLetter.Reason.SHUTDOWN_TIMEOUT);
            await().until(() -> obituaries.contains(LuaMessage.from("quick stopped")));
            LuaActorRef later = LuaActorBuilder.create().name("waiter").onHandle("return 1").start(system);
            assertThat(later.send(LuaMessage.NIL)).succeedsWithin(Duration.ofSeconds(5))
                    .isEqualTo(LuaMessage.from(1));
        }
    }
}
