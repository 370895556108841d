package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.luaactor.core.LuaActorMonitor.StopReason;
import org.junit.jupiter.api.Test;

/** The monitor hears once, through {@code actorStopped(actor, reason)} only, why each actor stopped for good. */
class StopReasonTest extends ActorTestSupport {
    private final Map<String, StopReason> reasons = new ConcurrentHashMap<>();
    private final List<String> oneArgumentCalls = new CopyOnWriteArrayList<>();

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().monitor(new LuaActorMonitor() {
            @Override
            public void actorStopped(LuaActorRef actor) {
                oneArgumentCalls.add(actor.name());
            }

            @Override
            public void actorStopped(LuaActorRef actor, StopReason reason) {
                assertThat(reasons.put(actor.name(), reason)).as("one call per actor").isNull();
            }
        }).build();
    }

    @Test
    void stopIsStopped() {
        LuaActorRef actor = actor("stopped", "return 1");
        ask(actor, "x");
        join(actor.stop());
        assertThat(reasons).containsEntry("stopped", StopReason.STOPPED);
        assertThat(oneArgumentCalls).isEmpty();
    }

    @Test
    void ctxTerminateIsTerminated() {
        LuaActorRef actor = actor("terminated", "ctx.terminate()");
        actor.doSend(LuaMessage.from("x"));
        join(actor.whenTerminated());
        assertThat(reasons).containsEntry("terminated", StopReason.TERMINATED);
        assertThat(oneArgumentCalls).isEmpty();
    }

    @Test
    void exhaustedRestartsAreFailed() {
        LuaActorRef actor = LuaActorBuilder.create().name("failing").onFailure(FailurePolicy.RESTART)
                .settings(s -> s.withRestart(s.restart().withMinBackoff(Duration.ofMillis(1))
                        .withMaxBackoff(Duration.ofMillis(1)).withMaxRestarts(1)))
                .onHandle("error('boom')").start(system);
        for (int i = 0; i < 5 && actor.isAlive(); i++) {
            try {
                actor.doSend(LuaMessage.from(i));
            } catch (ActorStoppedException e) {
                break;
            }
            int sent = i;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !actor.isAlive() || actor.statistics().failed() > sent);
        }
        join(actor.whenTerminated());
        assertThat(actor.state()).isEqualTo(ActorState.FAILED);
        assertThat(reasons).containsEntry("failing", StopReason.FAILED);
    }

    @Test
    void onFailureStopAfterAHandledMessageIsFailed() {
        LuaActorRef actor = LuaActorBuilder.create().name("stops").onFailure(FailurePolicy.STOP)
                .onHandle("if ctx.msg == 'bad' then error('boom') end return 1").start(system);
        ask(actor, "good");
        actor.doSend(LuaMessage.from("bad"));
        join(actor.whenTerminated());
        assertThat(reasons).containsEntry("stops", StopReason.FAILED);
    }

    @Test
    void aFailingOnStartedIsStartFailed() {
        LuaActorRef actor = LuaActorBuilder.create().name("nostart").onFailure(FailurePolicy.STOP)
                .onStarted("error('cannot start')").onHandle("return 1").start(system);
        join(actor.whenTerminated());
        assertThat(actor.state()).isEqualTo(ActorState.FAILED);
        assertThat(reasons).containsEntry("nostart", StopReason.START_FAILED);
        assertThat(oneArgumentCalls).isEmpty();
    }

    @Test
    void shutdownIsStopped() {
        actor("open", "return 1");
        system.close();
        assertThat(reasons).containsEntry("open", StopReason.STOPPED);
    }
}
