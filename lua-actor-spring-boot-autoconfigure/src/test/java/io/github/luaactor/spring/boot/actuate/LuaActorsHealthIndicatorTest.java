package io.github.luaactor.spring.boot.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class LuaActorsHealthIndicatorTest {
    private final LuaActorTracker tracker = new LuaActorTracker();
    private final LuaActorSystem system = LuaActorSystem.builder().monitor(tracker)
            .shutdownTimeout(Duration.ofSeconds(5)).build();
    private final LuaActorsHealthIndicator indicator = new LuaActorsHealthIndicator(system, tracker, 0.5);

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void upWhenEveryActorIsAliveWithStateAndMailboxInTheDetails() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        await().until(() -> greeter.state() == ActorState.RUNNING);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(actorDetails(health, "greeter")).containsEntry("state", "RUNNING")
                .containsEntry("mailbox", Map.of("size", 0, "capacity", 10, "fill", 0.0))
                .doesNotContainKey("lastError");
        assertThat(health.getDetails()).containsEntry("mailboxWarningRatio", 0.5).doesNotContainKey("failed");
    }

    @Test
    void upWithNoActors() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void showsTheLastErrorWithMessageAndTime() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        greeter.send(LuaMessage.from("boom")).exceptionally(e -> null).join();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Object> lastError = (Map<String, Object>) actorDetails(health, "greeter").get("lastError");
        assertThat(lastError).containsEntry("type", "LuaScriptException");
        assertThat((String) lastError.get("message")).contains("kaboom");
        assertThat((String) lastError.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void downWhenAnActorHasStoppedBecauseOfFailures() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        await().until(() -> greeter.state() == ActorState.RUNNING);
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from("x")).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);
        assertThat(system.actor("fragile")).as("the system forgets a failed actor").isEmpty();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("failed", List.of("fragile"));
        assertThat(actorDetails(health, "fragile")).containsEntry("state", "FAILED").containsKey("lastError");
        assertThat(actorDetails(health, "greeter")).containsEntry("state", "RUNNING");
    }

    @Test
    void anActorStoppedNormallyIsNotAFailure() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        greeter.stop().join();

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aReplacedFailedActorNoLongerCounts() {
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from("x")).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);

        Actors.greeter(system, "fragile", 10);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aMailboxOverTheWarningRatioShowsInTheDetailsAndTheStatus() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 4);
        Actors.greeter(system, "idle", 4);
        Actors.pause(greeter);
        greeter.doSend(LuaMessage.from(1));
        assertThat(indicator.health().getStatus()).as("1 of 4 is below 0.5").isEqualTo(Status.UP);
        greeter.doSend(LuaMessage.from(2));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(LuaActorsHealthIndicator.MAILBOX_WARNING);
        assertThat(health.getDetails()).containsEntry("mailboxWarnings", List.of("greeter"));
        assertThat(actorDetails(health, "greeter")).containsEntry("mailboxWarning", true)
                .containsEntry("mailbox", Map.of("size", 2, "capacity", 4, "fill", 0.5));
        assertThat(actorDetails(health, "idle")).doesNotContainKey("mailboxWarning");
    }

    @Test
    void anUnboundedMailboxNeverWarns() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 0);
        Actors.pause(greeter);
        greeter.doSend(LuaMessage.from(1));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(actorDetails(health, "greeter")).containsEntry("mailbox", Map.of("size", 1, "capacity", 0));
    }

    @Test
    void anActorStoppedOnPurposeIsListedAsStoppedButLeavesHealthUp() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        greeter.stop().join();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(stoppedDetails(health, "greeter")).containsEntry("reason", "stopped")
                .containsEntry("state", "STOPPED").containsEntry("script", "inline").containsKey("stoppedAt");
    }

    @Test
    void anActorThatTerminatesItselfIsListedButLeavesHealthUp() {
        LuaActorRef quitter = io.github.luaactor.core.LuaActorBuilder.create().name("quitter")
                .onHandle("ctx.terminate() return 'bye'").start(system);
        assertThat(quitter.send(LuaMessage.from("x")).join()).isEqualTo(LuaMessage.from("bye"));
        quitter.whenTerminated().join();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        // the runtime reports why: the script's ctx.terminate(), not a stop from outside
        assertThat(stoppedDetails(health, "quitter").get("reason")).isEqualTo("terminated");
    }

    @Test
    void anActorWhoseOnStartedFailsIsListedAsStartFailedAndTurnsHealthDown() {
        LuaActorRef broken = io.github.luaactor.core.LuaActorBuilder.create().name("broken")
                .onFailure(io.github.luaactor.core.FailurePolicy.STOP).onStarted("error('no database')")
                .onHandle("return 1").start(system);
        broken.whenTerminated().join();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stoppedDetails(health, "broken")).containsEntry("reason", "start-failed")
                .containsEntry("state", "FAILED");
        assertThat(health.getDetails()).containsEntry("failed", List.of("broken"));
    }

    @Test
    void aFailedActorIsListedAsStoppedWithWhyAndItsLastError() {
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from("x")).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);

        Map<String, Object> stopped = stoppedDetails(indicator.health(), "fragile");

        assertThat(stopped).containsEntry("reason", "failed").containsEntry("state", "FAILED");
        @SuppressWarnings("unchecked")
        Map<String, Object> lastError = (Map<String, Object>) stopped.get("lastError");
        assertThat((String) lastError.get("message")).contains("broken: x");
    }

    @Test
    void theStoppedActorStatusIsConfigurable() {
        LuaActorsHealthIndicator warning = new LuaActorsHealthIndicator(system, tracker, 0.5,
                LuaActorsHealthIndicator.stoppedActorStatus("actor_stopped"));
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from("x")).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);

        Health health = warning.health();

        assertThat(health.getStatus().getCode()).isEqualTo("ACTOR_STOPPED");
        assertThat(health.getDetails()).containsEntry("failed", List.of("fragile"));
        LuaActorsHealthIndicator ignoring = new LuaActorsHealthIndicator(system, tracker, 0.5,
                LuaActorsHealthIndicator.stoppedActorStatus("UP"));
        assertThat(ignoring.health().getStatus()).isEqualTo(Status.UP);
        assertThat(LuaActorsHealthIndicator.stoppedActorStatus("down")).isSameAs(Status.DOWN);
        assertThatIllegalArgumentException().isThrownBy(() -> LuaActorsHealthIndicator.stoppedActorStatus(" "))
                .withMessageContaining("stopped-actor-status");
    }

    @Test
    void anActorStartedAgainUnderTheSameNameIsNoLongerStopped() {
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from("x")).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);
        LuaActorRef again = Actors.greeter(system, "fragile", 10);
        await().until(() -> again.state() == ActorState.RUNNING);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKey("stopped").doesNotContainKey("failed");
        assertThat(actorDetails(health, "fragile")).containsEntry("state", "RUNNING");
    }

    @Test
    void rejectsARatioOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LuaActorsHealthIndicator(system, tracker, 0))
                .withMessageContaining("mailbox-warning-ratio");
        assertThatIllegalArgumentException().isThrownBy(() -> new LuaActorsHealthIndicator(system, tracker, 1.5));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stoppedDetails(Health health, String actor) {
        Map<String, Object> stopped = (Map<String, Object>) health.getDetails().get("stopped");
        assertThat(stopped).as("stopped actors in %s", health.getDetails()).containsKey(actor);
        return (Map<String, Object>) stopped.get(actor);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> actorDetails(Health health, String actor) {
        Map<String, Object> actors = (Map<String, Object>) health.getDetails().get("actors");
        assertThat(actors).containsKey(actor);
        return (Map<String, Object>) actors.get(actor);
    }
}
