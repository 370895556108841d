package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Strict actors ({@code reentrant(false)}): no other message starts while a handler waits in {@code ctx.send}, a
 * cycle of strict waits fails at once with the actors named, and stops and timers wait their turn.
 */
class StrictActorTest extends ActorTestSupport {
    /** Reads the state, waits in ctx.send, writes the state: a lost update if anything runs in between. */
    private static final String READ_SEND_WRITE = """
            local n = ctx.state.n or 0
            ctx.send('io', n)
            ctx.state.n = n + 1
            return n""";

    @Test
    void aStrictActorLosesNoUpdateUnderManyConcurrentSenders() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        system.addRecipient("io", msg -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            // Yield so that the reply is not ready when ctx.send looks: the handler really suspends.
            Thread.sleep(1);
            inFlight.decrementAndGet();
            return msg;
        });
        LuaActorRef counter = LuaActorBuilder.create().name("counter").reentrant(false).mailboxCapacity(0)
                .onHandle(READ_SEND_WRITE).start(system);
        int senders = 8;
        int perSender = 50;
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perSender; i++) {
                    CompletableFuture<LuaMessage> reply = counter.send(LuaMessage.from("add"));
                    synchronized (replies) {
                        replies.add(reply);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Set<Object> seen = new HashSet<>();
        for (CompletableFuture<LuaMessage> reply : replies) {
            seen.add(join(reply).toJava());
        }
        assertThat(seen).as("every handler read a different count").hasSize(senders * perSender);
        assertThat(counter.call(LuaMessage.from("add"), Duration.ofSeconds(30)).toJava())
                .isEqualTo((long) senders * perSender);
        assertThat(mostInFlight).as("one ctx.send at a time").hasValue(1);
    }

    @Test
    void aReentrantActorInterleavesAtCtxSendAndLosesTheUpdate() {
        // The gate opens only once two handlers of the actor wait in it at the same time: that is interleaving.
        CountDownLatch bothIn = new CountDownLatch(2);
        system.addRecipient("io", msg -> {
            bothIn.countDown();
            bothIn.await(30, TimeUnit.SECONDS);
            return msg;
        });
        LuaActorRef counter = LuaActorBuilder.create().name("counter").onHandle(READ_SEND_WRITE).start(system);
        CompletableFuture<LuaMessage> first = counter.send(LuaMessage.from("add"));
        CompletableFuture<LuaMessage> second = counter.send(LuaMessage.from("add"));
        assertThat(join(first)).isEqualTo(LuaMessage.from(0));
        assertThat(join(second)).as("both read the state before either wrote it").isEqualTo(LuaMessage.from(0));
        assertThat(bothIn.getCount()).isZero();
    }

    @Test
    void aCycleOfStrictActorsFailsAtOnceNamingTheActors() {
        String forward = """
                if ctx.msg == 'ping' then return 'pong' end
                return ctx.send('%s', ctx.msg)""";
        // The ask timeout is far beyond the call's: a cycle left to time out would fail the call differently.
        LuaActorRef a = LuaActorBuilder.create().name("a").reentrant(false).askTimeout(Duration.ofMinutes(5))
                .onHandle(forward.formatted("b")).start(system);
        LuaActorRef b = LuaActorBuilder.create().name("b").reentrant(false).askTimeout(Duration.ofMinutes(5))
                .onHandle(forward.formatted("a")).start(system);

        Throwable thrown = catchThrowable(() -> a.call(LuaMessage.from("go"), Duration.ofSeconds(60)));

        assertThat(thrown).isInstanceOf(ReplyTimeoutException.class).isInstanceOf(ReplyCycleException.class)
                .hasMessageContaining("a -> b -> a");
        assertThat(((ReplyCycleException) thrown).cycle()).containsExactly("a", "b", "a");
        // Neither actor stays blocked.
        assertThat(a.call(LuaMessage.from("ping"), Duration.ofSeconds(30))).isEqualTo(LuaMessage.from("pong"));
        assertThat(b.call(LuaMessage.from("ping"), Duration.ofSeconds(30))).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void theCtxSendClosingTheCycleRaisesALuaErrorWithItsLine() {
        actorNamed("a", false, "return ctx.send('b', ctx.msg)");
        LuaActorRef b = actorNamed("b", true, """
                local ok, err = pcall(ctx.send, 'a', ctx.msg)
                return err""");
        // b is reentrant, but a (strict) waits on b's reply: b's ctx.send to a could never be answered.
        LuaMessage reply = ask(system.actor("a").orElseThrow(), "go");
        assertThat(reply.toJava().toString()).contains("a -> b -> a").contains("b.handle:1");
        assertThat(b.isAlive()).isTrue();
    }

    @Test
    void aStrictActorSendingToItselfFailsInsteadOfWaitingForever() {
        LuaActorRef self = actorNamed("self", false, """
                if ctx.msg == 'inner' then return 'inner' end
                return ctx.send('self', 'inner')""");
        Throwable thrown = catchThrowable(() -> self.call(LuaMessage.from("go"), Duration.ofSeconds(60)));
        assertThat(thrown).isInstanceOf(ReplyCycleException.class).hasMessageContaining("self -> self");
    }

    @Test
    void reentrantActorsStillAnswerEachOtherInACycle() {
        actorNamed("a", true, """
                if ctx.msg == 'inner' then return 'a-inner' end
                return ctx.send('b', ctx.msg)""");
        actorNamed("b", false, "return ctx.send('a', 'inner')");
        assertThat(ask(system.actor("a").orElseThrow(), "go")).isEqualTo(LuaMessage.from("a-inner"));
    }

    @Test
    void aSendBackToAStrictActorThatNoLongerWaitsIsNoCycle() throws Exception {
        CountDownLatch aGaveUp = new CountDownLatch(1);
        CompletableFuture<LuaMessage> bGot = new CompletableFuture<>();
        system.addRecipient("gate", msg -> {
            aGaveUp.await(30, TimeUnit.SECONDS);
            return msg;
        });
        system.addRecipient("result", msg -> {
            bGot.complete(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef a = LuaActorBuilder.create().name("a").reentrant(false).askTimeout(Duration.ofMillis(200))
                .onHandle("""
                        if ctx.msg == 'ping' then return 'pong' end
                        local ok = pcall(ctx.send, 'b', 'work')
                        return ok and 'answered' or 'gave up'""").start(system);
        actorNamed("b", true, """
                ctx.send('gate', 'x')
                local ok, reply = pcall(ctx.send, 'a', 'ping')
                ctx.do_send('result', reply)""");

        assertThat(a.call(LuaMessage.from("go"), Duration.ofSeconds(30))).isEqualTo(LuaMessage.from("gave up"));
        aGaveUp.countDown();

        assertThat(join(bGot)).as("a no longer waited on b: no cycle").isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void aStopWaitsForTheSuspendedHandlerThenHandlesWhatWasQueuedBeforeIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        system.addRecipient("gate", msg -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return msg;
        });
        LuaActorRef strict = actorNamed("strict", false, """
                if ctx.msg == 'wait' then return ctx.send('gate', 'opened') end
                return 'handled ' .. ctx.msg""");
        CompletableFuture<LuaMessage> waiting = strict.send(LuaMessage.from("wait"));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<LuaMessage> queued = strict.send(LuaMessage.from("queued"));
        CompletableFuture<Void> stopped = strict.stop();

        assertThat(catchThrowable(() -> strict.doSend(LuaMessage.from("late"))))
                .isInstanceOf(ActorStoppedException.class);
        // Nothing can finish the stop while the gate is shut: the queued message has not even started.
        assertThat(stopped).isNotDone();
        assertThat(queued).isNotDone();
        assertThat(strict.statistics().mailboxSize()).isGreaterThanOrEqualTo(1);

        release.countDown();
        assertThat(join(waiting)).isEqualTo(LuaMessage.from("opened"));
        assertThat(join(queued)).isEqualTo(LuaMessage.from("handled queued"));
        join(stopped);
        assertThat(strict.state()).isEqualTo(ActorState.STOPPED);
    }

    @Test
    void aTimerMessageWaitsUntilTheSuspendedHandlerHasFinished() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ticked = new CountDownLatch(1);
        system.addRecipient("gate", msg -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return msg;
        });
        system.addRecipient("ticks", msg -> {
            ticked.countDown();
            return LuaMessage.NIL;
        });
        LuaActorRef strict = actorNamed("strict", false, """
                if ctx.msg == 'tick' then
                  ctx.state.ticked = true
                  ctx.do_send('ticks', 'tick')
                  return
                end
                ctx.notify_later('tick', 0)
                ctx.send('gate', 'x')
                return ctx.state.ticked == true""");
        CompletableFuture<LuaMessage> reply = strict.send(LuaMessage.from("work"));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        // The timer has fired and its message is queued, yet it does not start.
        await().atMost(Duration.ofSeconds(30)).until(() -> strict.statistics().mailboxSize() == 1);
        assertThat(ticked.getCount()).isEqualTo(1);

        release.countDown();
        assertThat(join(reply)).as("the tick did not run inside the handler").isEqualTo(LuaMessage.from(false));
        assertThat(ticked.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallOnTheCallersThreadWaitsBehindASuspendedStrictHandler() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        system.addRecipient("gate", msg -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return msg;
        });
        LuaActorRef strict = actorNamed("strict", false, """
                if ctx.msg == 'wait' then
                  ctx.state.waiting = true
                  ctx.send('gate', 'x')
                  ctx.state.waiting = false
                  return 'done'
                end
                return ctx.state.waiting""");
        CompletableFuture<LuaMessage> waiting = strict.send(LuaMessage.from("wait"));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<LuaMessage> call = CompletableFuture.supplyAsync(
                () -> strict.call(LuaMessage.from("look"), Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> strict.statistics().mailboxSize() == 1);
        release.countDown();
        assertThat(join(waiting)).isEqualTo(LuaMessage.from("done"));
        assertThat(join(call)).as("the call ran after the waiting handler").isEqualTo(LuaMessage.from(false));
    }

    @Test
    void theSettingDefaultsToReentrantAndIsPartOfTheSettings() {
        assertThat(ActorSettings.defaults().reentrant()).isTrue();
        assertThat(ActorSettings.defaults().withReentrant(false).reentrant()).isFalse();
        ActorSettings old = new ActorSettings(1, OverflowPolicy.REJECT, Duration.ofSeconds(1), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, FailurePolicy.RESUME,
                ActorSettings.RestartSettings.defaults());
        assertThat(old.reentrant()).isTrue();
        assertThat(old.withMailboxCapacity(2).withReentrant(false).withAskTimeout(Duration.ofSeconds(2)).reentrant())
                .isFalse();
    }

    private LuaActorRef actorNamed(String name, boolean reentrant, String handle) {
        return LuaActorBuilder.create().name(name).reentrant(reentrant).onHandle(handle).start(system);
    }
}
