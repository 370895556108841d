package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The hooks a test kit builds on: state snapshots, a pluggable timer scheduler, recipient calls in flight. */
class TestHooksTest extends ActorTestSupport {

    @Test
    void snapshotShowsTheStateAfterEverythingQueuedBeforeIt() {
        LuaActorRef counter = actor("counter", "ctx.state.n = (ctx.state.n or 0) + ctx.msg ctx.state.tags = {'a'}");
        for (int i = 1; i <= 10; i++) {
            counter.doSend(LuaMessage.from(i));
        }
        assertThat(join(counter.stateSnapshot()))
                .isEqualTo(LuaMessage.table("n", 55, "tags", List.of("a")));
    }

    @Test
    void snapshotOfAStateHoldingAFunctionNamesTheActor() {
        LuaActorRef actor = actor("holder", "ctx.state.f = function() end");
        ask(actor, 1);
        assertThat(failureOf(actor.stateSnapshot()))
                .isInstanceOf(LuaActorException.class)
                .hasMessageContaining("holder")
                .hasMessageContaining("function");
    }

    @Test
    void snapshotOfAStoppedActorFails() {
        LuaActorRef actor = actor("gone", "return 1");
        join(actor.stop());
        assertThat(failureOf(actor.stateSnapshot())).isInstanceOf(ActorStoppedException.class);
    }

    @Test
    void snapshotPassesAFullMailboxAndWaitsForWhatIsQueuedBeforeIt() {
        CountDownLatch gate = new CountDownLatch(1);
        try (LuaActorSystem held = LuaActorSystem.builder().customizer(LuaVmCustomizer.function("hold", () -> {
            try {
                return gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })).build()) {
            try {
                LuaActorRef actor = LuaActorBuilder.create().name("full").mailboxCapacity(1)
                        .overflowPolicy(OverflowPolicy.REJECT)
                        .onHandle("if ctx.msg == 'hold' then hold() else ctx.state.last = ctx.msg end").start(held);
                actor.doSend(LuaMessage.from("hold"));
                await().atMost(Duration.ofSeconds(30)).until(() -> actor.statistics().mailboxSize() == 0);
                actor.doSend(LuaMessage.from(1));
                CompletableFuture<LuaMessage> snapshot = actor.stateSnapshot();
                // The handler is held, so nothing can answer yet: the request is queued, not refused as overflow.
                assertThat(snapshot).isNotDone();
                gate.countDown();
                assertThat(join(snapshot)).isEqualTo(LuaMessage.table("last", 1));
            } finally {
                gate.countDown();
            }
        }
    }

    @Test
    void notifyLaterGoesThroughTheConfiguredScheduler() {
        List<Runnable> tasks = new ArrayList<>();
        List<Duration> delays = new ArrayList<>();
        try (LuaActorSystem timed = LuaActorSystem.builder().timerScheduler((delay, task) -> {
            synchronized (tasks) {
                delays.add(delay);
                tasks.add(task);
            }
            return () -> false;
        }).build()) {
            LuaActorRef actor = LuaActorBuilder.create().name("later")
                    .onHandle("if ctx.msg == 'go' then ctx.notify_later('tick', 300) "
                            + "else ctx.state.ticks = (ctx.state.ticks or 0) + 1 end")
                    .start(timed);
            join(actor.send(LuaMessage.from("go")));
            synchronized (tasks) {
                assertThat(delays).containsExactly(Duration.ofSeconds(300));
            }
            assertThat(join(actor.stateSnapshot())).isEqualTo(LuaMessage.Table.EMPTY);
            tasks.getFirst().run();
            assertThat(join(actor.stateSnapshot())).isEqualTo(LuaMessage.table("ticks", 1));
        }
    }

    @Test
    void recipientCallsAreCountedUntilTheyReturn() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        system.addRecipient("slow", message -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LuaMessage.NIL;
        });
        LuaActorRef actor = actor("caller", "ctx.do_send('slow', 1)");
        assertThat(system.recipientCallsInFlight()).isZero();
        actor.doSend(LuaMessage.from(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> system.recipientCallsInFlight() == 1);
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> system.recipientCallsInFlight() == 0);
    }
}
