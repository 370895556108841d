package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded mailboxes, overflow policies and dead letters. */
class MailboxTest extends ActorTestSupport {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @Override
    protected LuaActorSystem newSystem() {
        // hold() blocks the actor's own thread, so its mailbox fills up while the test watches.
        return LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.function("hold", () -> {
                    try {
                        return gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .deadLetterListener(deadLetters::add)
                .build();
    }

    @AfterEach
    void releaseHeldActors() {
        gate.countDown();
    }

    private LuaActorRef pausedActor(String name, int capacity, OverflowPolicy policy) {
        LuaActorRef actor = LuaActorBuilder.create().name(name).mailboxCapacity(capacity).overflowPolicy(policy)
                .settings(s -> s.withEnqueueTimeout(Duration.ofMillis(300)))
                .onHandle("if ctx.msg == 'hold' then hold() end return ctx.msg").start(system);
        actor.doSend(LuaMessage.from("hold"));
        await().until(() -> actor.statistics().mailboxSize() == 0);
        return actor;
    }

    @Test
    void rejectPolicyThrowsForDoSendAndFailsSend() {
        LuaActorRef actor = pausedActor("reject", 2, OverflowPolicy.REJECT);
        actor.doSend(LuaMessage.from(1));
        CompletableFuture<LuaMessage> second = actor.send(LuaMessage.from(2));
        assertThat(actor.statistics().mailboxSize()).isEqualTo(2);
        assertThatThrownBy(() -> actor.doSend(LuaMessage.from(3)))
                .isInstanceOfSatisfying(MailboxFullException.class, e -> {
                    assertThat(e.actor()).isEqualTo("reject");
                    assertThat(e.capacity()).isEqualTo(2);
                });
        assertThat(failureOf(actor.send(LuaMessage.from(4)))).isInstanceOf(MailboxFullException.class);
        gate.countDown();
        assertThat(join(second)).isEqualTo(LuaMessage.from(2));
        assertThat(deadLetters).extracting(DeadLetter::reason).containsExactly(DeadLetter.Reason.MAILBOX_FULL,
                DeadLetter.Reason.MAILBOX_FULL);
        assertThat(deadLetters).extracting(DeadLetter::message).containsExactly(LuaMessage.from(3), LuaMessage.from(4));
        assertThat(actor.statistics().rejected()).containsEntry(DeadLetter.Reason.MAILBOX_FULL, 2L);
    }

    @Test
    void luaSeesMailboxFullAsAnError() {
        pausedActor("full", 1, OverflowPolicy.REJECT).doSend(LuaMessage.from(1));
        LuaActorRef sender = actor("sender", """
                local ok1, e1 = pcall(ctx.do_send, 'full', 2)
                local ok2, e2 = pcall(ctx.send, 'full', 3)
                return e1 .. ' | ' .. e2""");
        assertThat(ask(sender, null).toJava().toString())
                .contains("mailbox full: Lua actor 'full' holds 1 messages already | mailbox full");
        assertThat(deadLetters).extracting(DeadLetter::sender).containsOnly("sender");
    }

    @Test
    void dropOldestKeepsTheNewestMessages() {
        LuaActorRef actor = pausedActor("oldest", 2, OverflowPolicy.DROP_OLDEST);
        CompletableFuture<LuaMessage> first = actor.send(LuaMessage.from(1));
        actor.doSend(LuaMessage.from(2));
        actor.doSend(LuaMessage.from(3));
        assertThat(failureOf(first)).isInstanceOf(MailboxFullException.class);
        CompletableFuture<LuaMessage> last = actor.send(LuaMessage.from(4));
        gate.countDown();
        assertThat(join(last)).isEqualTo(LuaMessage.from(4));
        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(DeadLetter.Reason.DROPPED_OLDEST);
        assertThat(deadLetters).extracting(DeadLetter::message).containsExactly(LuaMessage.from(1), LuaMessage.from(2));
        await().until(() -> actor.statistics().processed() == 3);
    }

    @Test
    void dropOldestLeavesAQueuedReloadInItsPlace() {
        LuaActorRef actor = pausedActor("reloaded", 3, OverflowPolicy.DROP_OLDEST);
        CompletableFuture<Void> reloaded = actor.reload("return 'new ' .. ctx.msg");   // the oldest in the queue
        CompletableFuture<LuaMessage> a = actor.send(LuaMessage.from("a"));
        CompletableFuture<LuaMessage> b = actor.send(LuaMessage.from("b"));
        CompletableFuture<LuaMessage> c = actor.send(LuaMessage.from("c"));   // full: drops a, not the reload

        gate.countDown();

        join(reloaded);
        assertThat(failureOf(a)).isInstanceOf(MailboxFullException.class);
        // Sent after the reload, so handled by the new script: the reload kept its place at the head of the queue.
        assertThat(join(b)).isEqualTo(LuaMessage.from("new b"));
        assertThat(join(c)).isEqualTo(LuaMessage.from("new c"));
        assertThat(deadLetters).extracting(DeadLetter::message).containsExactly(LuaMessage.from("a"));
        await().until(() -> actor.statistics().mailboxSize() == 0);
    }

    @Test
    void dropNewestKeepsTheQueuedMessages() {
        LuaActorRef actor = pausedActor("newest", 1, OverflowPolicy.DROP_NEWEST);
        CompletableFuture<LuaMessage> kept = actor.send(LuaMessage.from(1));
        actor.doSend(LuaMessage.from(2));
        CompletableFuture<LuaMessage> dropped = actor.send(LuaMessage.from(3));
        assertThat(failureOf(dropped)).isInstanceOf(MailboxFullException.class);
        gate.countDown();
        assertThat(join(kept)).isEqualTo(LuaMessage.from(1));
        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(DeadLetter.Reason.DROPPED_NEWEST);
        assertThat(deadLetters).extracting(DeadLetter::message).containsExactly(LuaMessage.from(2), LuaMessage.from(3));
    }

    @Test
    void blockPolicyWaitsForRoomThenRejects() throws Exception {
        LuaActorRef actor = pausedActor("block", 1, OverflowPolicy.BLOCK);
        actor.doSend(LuaMessage.from(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> actor.doSend(LuaMessage.from(2))).isInstanceOf(MailboxFullException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

        Thread blocked = Thread.ofVirtual().start(() -> actor.doSend(LuaMessage.from(3)));
        Thread.sleep(50);
        assertThat(blocked.isAlive()).as("the sender waits for room").isTrue();
        gate.countDown();
        blocked.join(5_000);
        assertThat(blocked.isAlive()).isFalse();
        await().until(() -> actor.statistics().processed() == 3);
    }

    @Test
    void unboundedMailboxAcceptsEverything() {
        LuaActorRef actor = pausedActor("unbounded", 0, OverflowPolicy.REJECT);
        for (int i = 0; i < 50_000; i++) {
            actor.doSend(LuaMessage.from(i));
        }
        assertThat(actor.statistics().mailboxSize()).isEqualTo(50_000);
        assertThat(actor.statistics().mailboxCapacity()).isZero();
        gate.countDown();
        await().until(() -> actor.statistics().processed() == 50_001);
    }

    @Test
    void messagesToAStoppedActorAreDeadLetters() {
        LuaActorRef actor = actor("gone", "return 1");
        join(actor.stop());
        assertThatThrownBy(() -> actor.doSend(LuaMessage.from("late"))).isInstanceOf(ActorStoppedException.class);
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetter.Reason.ACTOR_STOPPED);
            assertThat(d.actor()).isEqualTo("gone");
            assertThat(d.message()).isEqualTo(LuaMessage.from("late"));
        });
        assertThat(actor.statistics().rejected()).containsEntry(DeadLetter.Reason.ACTOR_STOPPED, 1L);
    }

    @Test
    void closeDrainsThenReportsWhatItCouldNotHandle() {
        LuaActorSystem own = LuaActorSystem.builder().shutdownTimeout(Duration.ofMillis(300))
                .customizer(LuaVmCustomizer.function("hold", () -> {
                    try {
                        return gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .deadLetterListener(deadLetters::add).build();
        List<LuaMessage> stoppedWith = new CopyOnWriteArrayList<>();
        own.addRecipient("obituary", msg -> {
            stoppedWith.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef stuck = LuaActorBuilder.create().name("stuck").mailboxCapacity(0)
                .onHandle("if ctx.msg == 'hold' then hold() end")
                .onStopped("ctx.do_send('obituary', 'stopped')").start(own);
        LuaActorRef quick = LuaActorBuilder.create().name("quick").mailboxCapacity(0)
                .onHandle("ctx.state.n = (ctx.state.n or 0) + 1")
                .onStopped("ctx.do_send('obituary', ctx.state.n)").start(own);
        stuck.doSend(LuaMessage.from("hold"));
        for (int i = 0; i < 10; i++) {
            stuck.doSend(LuaMessage.from(i));
            quick.doSend(LuaMessage.from(i));
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException ignored) {
                // released below either way
            }
            gate.countDown();
        });
        own.close();
        assertThat(quick.state()).isEqualTo(ActorState.STOPPED);
        assertThat(quick.statistics().processed()).isEqualTo(10);
        // close() returns at the deadline; 'stuck' reports what it holds once its running handler returns.
        await().until(() -> stuck.state() == ActorState.STOPPED);
        assertThat(deadLetters).filteredOn(d -> d.actor().equals("stuck")).hasSize(10).allSatisfy(d ->
                assertThat(d.reason()).isEqualTo(DeadLetter.Reason.SHUTDOWN_TIMEOUT));
        // The forced stop still ran stuck's on_stopped after close() returned: the name space stays until every
        // actor has terminated, so its send reaches the recipient instead of becoming a dead letter.
        await().until(() -> stoppedWith.contains(LuaMessage.from("stopped")));
        assertThat(deadLetters).filteredOn(d -> !d.actor().equals("stuck")).isEmpty();
        await().until(() -> stoppedWith.contains(LuaMessage.from(10)));
    }
}
