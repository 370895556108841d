package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** on-failure policies: resume, restart with back-off and limits, stop. */
class SupervisionTest extends ActorTestSupport {
    private static final String COUNTING = """
            ctx.state.n = (ctx.state.n or 0) + 1
            if ctx.msg == 'fail' then error('boom') end
            return ctx.state.n""";

    @Test
    void resumeKeepsStateAndGoesOn() {
        LuaActorRef actor = LuaActorBuilder.create().name("resume").onFailure(FailurePolicy.RESUME)
                .onHandle(COUNTING).start(system);
        assertThat(ask(actor, "ok")).isEqualTo(LuaMessage.from(1));
        assertThat(failureOf(actor.send(LuaMessage.from("fail")))).isInstanceOf(LuaScriptException.class);
        assertThat(ask(actor, "ok")).isEqualTo(LuaMessage.from(3));
        assertThat(actor.statistics().restarts()).isZero();
    }

    @Test
    void restartGivesAFreshVmReRunsOnStartedAndKeepsQueuedMessages() {
        AtomicInteger starts = new AtomicInteger();
        system.addRecipient("started", msg -> LuaMessage.from(starts.incrementAndGet()));
        LuaActorRef actor = LuaActorBuilder.create().name("restart").onFailure(FailurePolicy.RESTART)
                .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(50),
                        Duration.ofSeconds(1), 5, Duration.ofMinutes(1))))
                .onStarted("ctx.state.generation = ctx.send('started', 1)")
                .onHandle("if ctx.msg == 'fail' then error('boom') end return ctx.state.generation .. ':' .. ctx.msg")
                .start(system);
        assertThat(ask(actor, "a")).isEqualTo(LuaMessage.from("1:a"));
        var failed = actor.send(LuaMessage.from("fail"));
        var queued = actor.send(LuaMessage.from("b"));
        assertThat(failureOf(failed)).isInstanceOf(LuaScriptException.class);
        assertThat(join(queued)).isEqualTo(LuaMessage.from("2:b"));
        assertThat(actor.statistics().restarts()).isEqualTo(1);
        assertThat(starts).hasValue(2);
        assertThat(actor.state()).isEqualTo(ActorState.RUNNING);
    }

    @Test
    void customizersAreReappliedToTheFreshVmAfterARestart() {
        AtomicInteger systemCalls = new AtomicInteger();
        AtomicInteger actorCalls = new AtomicInteger();
        try (LuaActorSystem own = LuaActorSystem.builder()
                .customizer(globals -> globals.set("generation", LuaMessage.from(systemCalls.incrementAndGet())))
                .build()) {
            LuaActorRef actor = LuaActorBuilder.create().name("phoenix").onFailure(FailurePolicy.RESTART)
                    .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(1),
                            Duration.ofMillis(5), 5, Duration.ofMinutes(1))))
                    .customizer(globals -> {
                        actorCalls.incrementAndGet();
                        globals.function("tag", args -> "t");
                    })
                    .onHandle("""
                            if ctx.msg == 'fail' then generation = 'dirty' error('boom') end
                            return generation .. ':' .. tag()""")
                    .start(own);
            assertThat(ask(actor, "a")).isEqualTo(LuaMessage.from("1:t"));
            assertThat(failureOf(actor.send(LuaMessage.from("fail")))).isInstanceOf(LuaScriptException.class);
            // the fresh VM has both customizers' globals again, not the failed VM's 'dirty' value
            assertThat(ask(actor, "b")).isEqualTo(LuaMessage.from("2:t"));
            assertThat(actor.statistics().restarts()).isEqualTo(1);
            assertThat(systemCalls).hasValue(2);
            assertThat(actorCalls).hasValue(2);
        }
    }

    @Test
    void restartsBackOffExponentially() {
        LuaActorRef actor = LuaActorBuilder.create().name("backoff").onFailure(FailurePolicy.RESTART)
                .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(100),
                        Duration.ofSeconds(5), 10, Duration.ofMinutes(1))))
                .onHandle(COUNTING).start(system);
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            actor.doSend(LuaMessage.from("fail"));
        }
        assertThat(ask(actor, "ok")).isEqualTo(LuaMessage.from(1));
        // 100 + 200 + 400 ms of back-off before the fourth message could run.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(actor.statistics().restarts()).isEqualTo(3);
    }

    @Test
    void tooManyRestartsStopTheActorForGood() {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        system.addDeadLetterListener(dead::add);
        LuaActorRef actor = LuaActorBuilder.create().name("fragile").onFailure(FailurePolicy.RESTART)
                .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(1),
                        Duration.ofMillis(5), 2, Duration.ofMinutes(1))))
                .onHandle(COUNTING).start(system);
        for (int i = 0; i < 3; i++) {
            actor.doSend(LuaMessage.from("fail"));
        }
        join(actor.whenTerminated());
        assertThat(actor.state()).isEqualTo(ActorState.FAILED);
        assertThat(actor.isAlive()).isFalse();
        assertThat(actor.statistics().restarts()).isEqualTo(2);
        assertThat(failureOf(actor.send(LuaMessage.from("ok")))).isInstanceOf(ActorStoppedException.class);
    }

    @Test
    void stopPolicyStopsAndReportsQueuedMessages() {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        system.addDeadLetterListener(dead::add);
        LuaActorRef actor = LuaActorBuilder.create().name("brittle").onFailure(FailurePolicy.STOP)
                .onHandle("if ctx.msg == 'fail' then error('boom') end local x = 0 for i = 1, 1000 do x = x + i end")
                .start(system);
        var failure = actor.send(LuaMessage.from("fail"));
        for (int i = 0; i < 5; i++) {
            try {
                actor.doSend(LuaMessage.from(i));
            } catch (ActorStoppedException alreadyStopped) {
                // a refused send is a dead letter too
            }
        }
        assertThat(failureOf(failure)).isInstanceOf(LuaScriptException.class);
        join(actor.whenTerminated());
        assertThat(actor.state()).isEqualTo(ActorState.FAILED);
        await().until(() -> dead.size() == 5);
        assertThat(dead).allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetter.Reason.ACTOR_STOPPED));
    }

    @Test
    void failureInOnStartedFollowsThePolicy() {
        AtomicInteger attempts = new AtomicInteger();
        system.addRecipient("attempt", msg -> LuaMessage.from(attempts.incrementAndGet()));
        LuaActorRef actor = LuaActorBuilder.create().name("shaky").onFailure(FailurePolicy.RESTART)
                .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(10),
                        Duration.ofMillis(50), 5, Duration.ofMinutes(1))))
                .onStarted("if ctx.send('attempt', 1) < 3 then error('not yet') end ctx.state.ready = true")
                .onHandle("return ctx.state.ready").start(system);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(true));
        assertThat(attempts).hasValue(3);
        assertThat(actor.statistics().restarts()).isEqualTo(2);
    }

    @Test
    void budgetFailuresAreSupervisedToo() {
        LuaActorRef actor = LuaActorBuilder.create().name("looper").onFailure(FailurePolicy.RESTART)
                .instructionLimit(10_000)
                .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(1),
                        Duration.ofMillis(5), 5, Duration.ofMinutes(1))))
                .onHandle("ctx.state.n = (ctx.state.n or 0) + 1 if ctx.msg == 'spin' then while true do end end "
                        + "return ctx.state.n").start(system);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(1));
        assertThat(failureOf(actor.send(LuaMessage.from("spin")))).isInstanceOf(BudgetExceededException.class);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(1));
    }
}
