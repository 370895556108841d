package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LuaActorRef#send(LuaMessage)} from a plain Java thread to an idle actor runs the handler on that thread
 * ({@code CallerThread.handleSend}): the same order, budgets and supervision as a queued message, and a sender held
 * no longer than the handler's time budget.
 */
@Timeout(120)
class SendOnCallerThreadTest extends ActorTestSupport {
    private static final Duration LONG = Duration.ofSeconds(30);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    protected LuaActorSystem newSystem() {
        LuaActorSystem built = LuaActorSystem.builder().build();
        // A Java recipient that answers once the test opens the gate.
        built.addRecipient("gated", message -> {
            gate.await(30, TimeUnit.SECONDS);
            return LuaMessage.from("opened");
        });
        return built;
    }

    @AfterEach
    void openGate() {
        gate.countDown();
    }

    @Test
    void aSendToAnIdleActorReturnsAFutureAlreadyCompletedOnTheSendersThread() {
        LuaActorRef actor = actor("adder", "return ctx.msg + 42");
        ask(actor, 0);
        // Just after a reply the actor's drainer may still hold the VM for a moment: then the send is queued.
        boolean completedOnReturn = false;
        int sends = 0;
        while (!completedOnReturn && sends < 1_000) {
            CompletableFuture<LuaMessage> reply = actor.send(LuaMessage.from(sends++));
            completedOnReturn = reply.isDone();
            assertThat(join(reply).toJava()).isEqualTo(sends - 1 + 42L);
        }
        assertThat(completedOnReturn).isTrue();
        assertThat(actor.statistics().received()).isEqualTo(1 + sends);
        assertThat(actor.statistics().succeeded()).isEqualTo(1 + sends);
    }

    @Test
    void theSwitchOffKeepsEverySendOnTheDispatcher() {
        LuaActorSystem off = LuaActorSystem.builder().sendsOnCallerThread(false).build();
        try {
            assertThat(off.sendsOnCallerThread()).isFalse();
            assertThat(system.sendsOnCallerThread()).isTrue();
            LuaActorRef actor = LuaActorBuilder.create().name("off").onHandle("return ctx.msg").start(off);
            for (int i = 0; i < 100; i++) {
                assertThat(join(actor.send(LuaMessage.from(i))).toJava()).isEqualTo((long) i);
            }
            assertThat(actor.statistics().received()).isEqualTo(100);
        } finally {
            off.close();
        }
    }

    @Test
    void failuresAndBudgetsAreThoseOfAQueuedMessage() {
        LuaActorRef actor = LuaActorBuilder.create().name("failing").instructionLimit(10_000)
                .onFailure(FailurePolicy.RESUME).onHandle("""
                        if ctx.msg == 'boom' then error('boom') end
                        if ctx.msg == 'loop' then while true do end end
                        ctx.state.n = (ctx.state.n or 0) + 1
                        return ctx.state.n
                        """).start(system);
        for (int i = 0; i < 50; i++) {
            assertThat(failureOf(actor.send(LuaMessage.from("boom"))))
                    .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                        assertThat(e.actor()).isEqualTo("failing");
                        assertThat(e.line()).isEqualTo(1);
                    });
            assertThat(failureOf(actor.send(LuaMessage.from("loop"))))
                    .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                        assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.INSTRUCTIONS);
                        assertThat(e.line()).isEqualTo(2);
                    });
            assertThat(ask(actor, "count").toJava()).isEqualTo(i + 1L);
        }
        assertThat(actor.statistics().failed()).isEqualTo(100);
        assertThat(actor.statistics().succeeded()).isEqualTo(50);
    }

    @Test
    void aCtxSendTheScanCannotSeeHoldsTheSenderNoLongerThanTheTimeBudgetThenGoesToTheDispatcher()
            throws Exception {
        // ctx['se' .. 'nd'] names no "send" constant: the first send runs here and waits on the closed gate.
        LuaActorRef actor = LuaActorBuilder.create().name("hidden").handlerTimeout(Duration.ofMillis(300))
                .askTimeout(LONG).onHandle("""
                        if ctx.msg == 'warm' then return 'warm' end
                        local send = ctx['se' .. 'nd']
                        return send('gated', ctx.msg)
                        """).start(system);
        // Once a send completed on this thread the actor is idle (nobody else sends), so the next runs here too.
        boolean completedOnReturn = false;
        for (int i = 0; i < 1_000 && !completedOnReturn; i++) {
            CompletableFuture<LuaMessage> warm = actor.send(LuaMessage.from("warm"));
            completedOnReturn = warm.isDone();
            join(warm);
        }
        assertThat(completedOnReturn).isTrue();
        assertThat(failureOf(actor.send(LuaMessage.from("first"))))
                .isInstanceOfSatisfying(LuaScriptException.class,
                        e -> assertThat(e.getMessage()).contains("within the handler's time budget"));
        // Known to wait now: the next send is queued, so the sender goes on while the handler waits.
        CompletableFuture<LuaMessage> second = actor.send(LuaMessage.from("second"));
        assertThat(second).isNotDone();
        gate.countDown();
        assertThat(second.get(30, TimeUnit.SECONDS).toJava()).isEqualTo("opened");
    }

    @Test
    void aHandlerCallingAFunctionThatOnStartedLeftAndThatWaitsStaysOnTheDispatcher() throws Exception {
        LuaActorRef actor = LuaActorBuilder.create().name("helped").handlerTimeout(Duration.ofMillis(300))
                .askTimeout(LONG)
                .onStarted("function askGated(x) return ctx.send('gated', x) end")
                .onHandle("return askGated(ctx.msg)").start(system);
        CompletableFuture<LuaMessage> reply = actor.send(LuaMessage.from("hi"));
        // Queued: the sender went on while the handler waits for the gate (on this thread it would have failed).
        assertThat(reply).isNotDone();
        gate.countDown();
        assertThat(reply.get(30, TimeUnit.SECONDS).toJava()).isEqualTo("opened");
    }

    @Test
    void manySendersMixingSendCallAndDoSendWithActorTrafficTimersAndFailuresKeepOrderAndBudgets()
            throws Exception {
        // Each message is "sender:seq:kind"; the actor checks each sender's sequence has no gap or inversion.
        String ordered = """
                local sender, seq, kind = string.match(ctx.msg, '^(%w+):(%d+):(%w+)$')
                seq = tonumber(seq)
                local s = ctx.state
                s.last = s.last or {}
                if sender ~= 'timer' then
                  if seq ~= (s.last[sender] or 0) + 1 then s.disorder = (s.disorder or 0) + 1 end
                  s.last[sender] = seq
                end
                s.handled = (s.handled or 0) + 1
                if kind == 'tick' then ctx.notify_later('timer:' .. seq .. ':ok', 0.001) end
                if kind == 'boom' then error('boom ' .. sender) end
                if kind == 'loop' then while true do end end
                if kind == 'report' then return (s.disorder or 0) .. ',' .. s.handled end
                return seq
                """;
        LuaActorRef log = LuaActorBuilder.create().name("log").instructionLimit(20_000)
                .onFailure(FailurePolicy.RESUME).onHandle(ordered).start(system);
        // Actor-to-actor traffic: the relay tells the log its own numbered messages, in the order it gets them.
        LuaActorRef relay = actor("relay", """
                ctx.state.n = (ctx.state.n or 0) + 1
                ctx.do_send('log', 'relay:' .. ctx.state.n .. ':ok')
                """);
        int threads = 6;
        int perThread = 600;
        AtomicInteger wrongOutcome = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String sender = "s" + t;
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= perThread; i++) {
                    String kind = i % 50 == 0 ? "loop" : i % 7 == 0 ? "boom" : i % 11 == 0 ? "tick" : "ok";
                    LuaMessage message = LuaMessage.from(sender + ":" + i + ":" + kind);
                    boolean fails = kind.equals("loop") || kind.equals("boom");
                    if (fails) {
                        failures.incrementAndGet();
                    }
                    switch (i % 3) {
                        case 0 -> log.doSend(message);
                        case 1 -> {
                            Throwable failure = outcome(log.send(message));
                            if (!expected(kind, failure)) {
                                wrongOutcome.incrementAndGet();
                            }
                        }
                        default -> {
                            Throwable failure = null;
                            try {
                                log.call(message, LONG);
                            } catch (LuaActorException e) {
                                failure = e;
                            }
                            if (!expected(kind, failure)) {
                                wrongOutcome.incrementAndGet();
                            }
                        }
                    }
                    if (i % 5 == 0) {
                        relay.doSend(LuaMessage.from(i));
                    }
                }
            }, runnable -> new Thread(runnable, "sender-" + sender).start()));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);

        int relayed = threads * (perThread / 5);
        int timers = threads * countTicks(perThread);
        long expectedHandled = (long) threads * perThread + relayed + timers;
        // The relay's messages and the timers may still be on their way.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> log.statistics().received() >= expectedHandled);
        assertThat(ask(log, "report:1:report").toJava()).isEqualTo("0," + (expectedHandled + 1));
        assertThat(wrongOutcome).hasValue(0);
        assertThat(log.statistics().failed()).isEqualTo(failures.get());
        assertThat(log.isAlive()).isTrue();
    }

    /** The failure of a completed send, or null when it succeeded. */
    private static Throwable outcome(CompletableFuture<LuaMessage> reply) {
        try {
            reply.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static int countTicks(int perThread) {
        int ticks = 0;
        for (int i = 1; i <= perThread; i++) {
            if (i % 50 != 0 && i % 7 != 0 && i % 11 == 0) {
                ticks++;
            }
        }
        return ticks;
    }

    private static boolean expected(String kind, Throwable failure) {
        return switch (kind) {
            case "loop" -> failure instanceof BudgetExceededException e
                    && e.budget() == BudgetExceededException.Budget.INSTRUCTIONS;
            case "boom" -> failure instanceof LuaScriptException e && e.getMessage().contains("boom");
            default -> failure == null;
        };
    }
}
