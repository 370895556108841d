package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LuaActorRef#call}: the blocking request, run on the caller's thread when the actor is idle. */
@Timeout(60)
class CallTest extends ActorTestSupport {
    private static final Duration LONG = Duration.ofSeconds(30);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.function("thread", () -> Thread.currentThread().getName()))
                // callActor(name) calls another actor from inside a handler, on the handler's own thread.
                .customizer(LuaVmCustomizer.function("callActor",
                        (LuaMessage target) -> system.actor(target.toJava().toString()).orElseThrow()
                                .call(LuaMessage.from("from " + Thread.currentThread().getName()), LONG)))
                // hold() blocks the thread running the handler until the test opens the gate.
                .customizer(LuaVmCustomizer.function("hold", () -> {
                    try {
                        return gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .build();
    }

    @AfterEach
    void openGate() {
        gate.countDown();
    }

    @Test
    void anIdleActorsHandlerRunsOnTheCallersThreadAndIsCounted() throws Exception {
        LuaActorRef actor = actor("where", "return thread()");
        assertThat(ask(actor, "async").toJava().toString()).startsWith("lua-actor");

        // Just after a reply the actor's own thread may still hold the VM for a moment: then the call is queued.
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<LuaMessage> reply = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            do {
                calls.incrementAndGet();
                reply.set(actor.call(LuaMessage.from("hi"), LONG));
            } while (!reply.get().toJava().equals("caller-1") && calls.get() < 1_000);
        }, "caller-1");
        caller.start();
        caller.join();

        assertThat(reply.get().toJava()).isEqualTo("caller-1");
        ActorStatistics stats = actor.statistics();
        assertThat(stats.received()).isEqualTo(1 + calls.get());
        assertThat(stats.succeeded()).isEqualTo(1 + calls.get());
        assertThat(stats.mailboxSize()).isZero();
    }

    @Test
    void aCallBehindQueuedMessagesWaitsItsTurn() throws Exception {
        LuaActorRef actor = actor("ordered", """
                ctx.state.log = (ctx.state.log or '') .. ctx.msg .. ','
                if ctx.msg == 'hold' then hold() end
                return ctx.state.log
                """);
        actor.doSend(LuaMessage.from("hold"));
        actor.doSend(LuaMessage.from("a"));
        CompletableFuture<LuaMessage> called = CompletableFuture.supplyAsync(() -> actor.call(LuaMessage.from("c"),
                LONG));
        Thread.sleep(100);
        assertThat(called).isNotDone();

        gate.countDown();

        assertThat(called.get(30, TimeUnit.SECONDS).toJava()).isEqualTo("hold,a,c,");
    }

    @Test
    void theHandlersFailureIsThrownAsItIs() {
        LuaActorRef actor = actor("failing", "\nerror('boom')");

        assertThatThrownBy(() -> actor.call(LuaMessage.from(1), LONG))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.actor()).isEqualTo("failing");
                    assertThat(e.getMessage()).contains("boom").contains(":2");
                });
        assertThat(actor.statistics().failed()).isEqualTo(1);
    }

    @Test
    void aCallThatGetsNoReplyInTimeThrowsReplyTimeoutException() {
        LuaActorRef actor = actor("busy", "if ctx.msg == 'hold' then hold() end return ctx.msg");
        actor.doSend(LuaMessage.from("hold"));

        assertThatThrownBy(() -> actor.call(LuaMessage.from("late"), Duration.ofMillis(200)))
                .isInstanceOfSatisfying(ReplyTimeoutException.class, e -> {
                    assertThat(e.actor()).isEqualTo("busy");
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
                    assertThat(e.getMessage()).contains("'busy'").contains("200 ms");
                });
    }

    @Test
    void aCtxSendOnTheCallersThreadEndsAtTheCallersTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        system.addRecipient("never", msg -> {
            never.await();
            return msg;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("asker")
                .settings(s -> s.withAskTimeout(Duration.ofSeconds(50)))
                .onHandle("""
                        if ctx.msg == 'warm-up' then return 'ok' end
                        local ok, err = pcall(ctx.send, 'never', ctx.msg)
                        return tostring(err)
                        """).start(system);
        ask(actor, "warm-up");

        // Queued instead (the actor's thread still held the VM just after the warm-up): the caller times out and
        // the handler goes on waiting on the actor's thread. Run on the caller's thread, the handler's wait ends at
        // the caller's timeout, and the call returns the handler's reply.
        Object reply = null;
        for (int attempt = 0; attempt < 20 && reply == null; attempt++) {
            long started = System.nanoTime();
            try {
                reply = actor.call(LuaMessage.from(attempt), Duration.ofMillis(300)).toJava();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            } catch (ReplyTimeoutException queued) {
                // try again
            }
        }
        assertThat(reply).asString().contains("timeout").contains("'never'")
                .contains("timeout of the Java caller's call to 'asker'");
        never.countDown();
    }

    @Test
    void aStoppedActorOrAFullMailboxIsReportedAtOnce() {
        LuaActorRef full = LuaActorBuilder.create().name("full").mailboxCapacity(1)
                .onHandle("if ctx.msg == 'hold' then hold() end return ctx.msg").start(system);
        full.doSend(LuaMessage.from("hold"));
        org.awaitility.Awaitility.await().until(() -> full.statistics().mailboxSize() == 0);
        full.doSend(LuaMessage.from("queued"));
        assertThatThrownBy(() -> full.call(LuaMessage.from("one too many"), LONG))
                .isInstanceOf(MailboxFullException.class);

        LuaActorRef stopped = actor("stopped", "return ctx.msg");
        join(stopped.stop());
        assertThatThrownBy(() -> stopped.call(LuaMessage.from(1), LONG)).isInstanceOf(ActorStoppedException.class);
    }

    @Test
    void concurrentCallersAndSendersNeverRunTheVmTwiceAtOnce() throws Exception {
        int threads = 8;
        int perThread = 1_000;
        List<LuaActorRef> actors = List.of(
                actor("counter-1", "ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n"),
                actor("counter-2", "ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n"));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(CompletableFuture.runAsync(() -> {
                LuaActorRef actor = actors.get(id % 2);
                for (int i = 0; i < perThread; i++) {
                    switch (i % 3) {
                        case 0 -> seen.add(actor.name().hashCode() * 1_000_000L
                                + ((Number) actor.call(LuaMessage.from(i), LONG).toJava()).longValue());
                        case 1 -> actor.doSend(LuaMessage.from(i));
                        default -> seen.add(actor.name().hashCode() * 1_000_000L
                                + ((Number) join(actor.send(LuaMessage.from(i))).toJava()).longValue());
                    }
                }
            }, runnable -> new Thread(runnable, "worker-" + id).start()));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        long perActor = (long) threads / 2 * perThread;
        for (LuaActorRef actor : actors) {
            // Every message incremented the counter once: no update was lost to two threads in one VM.
            assertThat(ask(actor, "last").toJava()).isEqualTo(perActor + 1);
            assertThat(actor.statistics().received()).isEqualTo(perActor + 1);
            assertThat(actor.statistics().mailboxSize()).isZero();
        }
        // Each counter value was the reply to exactly one request (two of every three were requests).
        int requestsPerThread = perThread - (perThread + 1) / 3;
        assertThat(seen).hasSize(threads * requestsPerThread);
    }

    @Test
    void aHandlerThatCallsAnotherActorOnItsOwnThreadKeepsItsBudget() {
        LuaActorRef helper = actor("helper", "return thread()");
        ask(helper, "warm up");
        LuaActorRef outer = LuaActorBuilder.create().name("outer").instructionLimit(100_000).onHandle("""
                local helperThread = callActor('helper')
                if ctx.msg == 'where' then return helperThread == thread() end
                return string.find(('a'):rep(800), '.-.-.-b')
                """).start(system);

        // The helper is idle, so its handler runs nested on the outer handler's thread (a few tries: just after
        // a reply, the helper's own thread may still hold its VM for a moment).
        boolean nested = false;
        for (int i = 0; i < 100 && !nested; i++) {
            nested = ask(outer, "where").equals(LuaMessage.from(true));
        }
        assertThat(nested).isTrue();
        // After the nested handler, the outer handler's pattern steps still count against its own budget.
        assertThat(failureOf(outer.send(LuaMessage.from("match"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.INSTRUCTIONS);
                    assertThat(e.line()).isEqualTo(3);
                });
        assertThat(failureOf(outer.send(LuaMessage.from("match again"))))
                .isInstanceOf(BudgetExceededException.class);
    }
}
