package io.github.luaactor.spring.boot.actuate;

import java.time.Duration;

import io.github.luaactor.core.LuaActorMonitor.StopReason;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LuaActorTrackerTest {
    private final LuaActorTracker tracker = new LuaActorTracker(2);
    private final LuaActorSystem system = LuaActorSystem.builder().monitor(tracker)
            .shutdownTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void remembersAtMostTheLimitForgettingTheOldestFirst() {
        for (String name : new String[] { "a", "b", "c" }) {
            Actors.greeter(system, name, 10).stop().join();
        }

        assertThat(tracker.stoppedActors()).extracting(LuaActorTracker.StoppedActor::name).containsExactly("b", "c");
    }

    @Test
    void aNameStoppedAgainIsTheNewest() {
        Actors.greeter(system, "a", 10).stop().join();
        Actors.greeter(system, "b", 10).stop().join();
        Actors.greeter(system, "a", 10).stop().join();
        Actors.greeter(system, "c", 10).stop().join();

        assertThat(tracker.stoppedActors()).extracting(LuaActorTracker.StoppedActor::name).containsExactly("a", "c");
    }

    @Test
    void actorsStoppedOnPurposeAreForgottenBeforeDeadOnes() {
        LuaActorRef dead = Actors.greeter(system, "dead", 10);
        dead.stop().join();
        tracker.actorStopped(dead, StopReason.FAILED);
        for (String name : new String[] { "a", "b", "c" }) {
            Actors.greeter(system, name, 10).stop().join();
        }

        assertThat(tracker.stoppedActors()).extracting(LuaActorTracker.StoppedActor::name)
                .containsExactly("dead", "c");

        LuaActorRef alsoDead = Actors.greeter(system, "also-dead", 10);
        alsoDead.stop().join();
        tracker.actorStopped(alsoDead, StopReason.START_FAILED);
        LuaActorRef third = Actors.greeter(system, "third-dead", 10);
        third.stop().join();
        tracker.actorStopped(third, StopReason.FAILED);

        assertThat(tracker.stoppedActors()).as("all dead: the oldest goes")
                .extracting(LuaActorTracker.StoppedActor::name).containsExactly("also-dead", "third-dead");
    }

    @Test
    void keepsTheReasonTheRuntimeGives() {
        LuaActorRef actor = Actors.greeter(system, "quitter", 10);
        actor.stop().join();
        // as the runtime reports a script's ctx.terminate(): the reason wins over the final state
        tracker.actorStopped(actor, StopReason.TERMINATED);

        assertThat(tracker.stoppedActors()).singleElement()
                .satisfies(stopped -> assertThat(stopped.reason()).isEqualTo(StopReason.TERMINATED));
        assertThat(tracker.failedActors()).isEmpty();
    }

    @Test
    void zeroRemembersNothingAndANegativeLimitIsRefused() {
        LuaActorTracker none = new LuaActorTracker(0);
        LuaActorRef actor = Actors.greeter(system, "a", 10);
        actor.stop().join();
        none.actorStopped(actor);

        assertThat(none.stoppedActors()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new LuaActorTracker(-1))
                .withMessageContaining("retained-stopped-actors");
    }
}
