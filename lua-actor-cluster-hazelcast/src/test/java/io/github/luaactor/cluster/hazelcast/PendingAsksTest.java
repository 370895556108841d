package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pending asks and their one timer: replies, timeouts (also after the timer went idle), and a closing member. */
class PendingAsksTest {
    private final PendingAsks pending = new PendingAsks("test", Duration.ofMillis(200));

    @AfterEach
    void close() {
        pending.close();
    }

    @Test
    void aReplyCompletesItsAskAndALateAskFailsWithATimeoutNamingTheActor() {
        CompletableFuture<LuaMessage> answered = new CompletableFuture<>();
        CompletableFuture<LuaMessage> late = new CompletableFuture<>();
        long id = pending.register("counter/1", UUID.randomUUID(), answered);
        pending.register("counter/2", UUID.randomUUID(), late);
        pending.complete(id, LuaMessage.from(7));
        assertThat(answered).isCompletedWithValue(LuaMessage.from(7));
        // Generous: the timeout is 200 ms; the sweep is late by at most a twentieth of it, plus a loaded machine.
        await().atMost(Duration.ofSeconds(30)).until(late::isDone);
        assertThatThrownBy(late::join).hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("counter/2");
        assertThat(pending.size()).isZero();
    }

    @Test
    void anAskRegisteredAfterTheTimerWentIdleStillTimesOut() {
        CompletableFuture<LuaMessage> first = new CompletableFuture<>();
        pending.register("counter/1", UUID.randomUUID(), first);
        await().atMost(Duration.ofSeconds(30)).until(first::isDone);
        // Nothing pending: the sweep stops; it must start again for the next ask.
        CompletableFuture<LuaMessage> second = new CompletableFuture<>();
        pending.register("counter/1", UUID.randomUUID(), second);
        await().atMost(Duration.ofSeconds(30)).until(second::isDone);
        assertThatThrownBy(second::join).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aMemberLeavingFailsItsAsksAtOnceAndClosingFailsTheRest() {
        UUID gone = UUID.randomUUID();
        PendingAsks longer = new PendingAsks("test-long", Duration.ofMinutes(10));
        try {
            CompletableFuture<LuaMessage> toGone = new CompletableFuture<>();
            CompletableFuture<LuaMessage> toOther = new CompletableFuture<>();
            longer.register("counter/1", gone, toGone);
            longer.register("counter/2", UUID.randomUUID(), toOther);
            assertThat(longer.memberLeft(gone)).isEqualTo(1);
            assertThatThrownBy(toGone::join).hasCauseInstanceOf(ActorUnavailableException.class);
            assertThat(toOther).isNotDone();
            longer.close();
            assertThatThrownBy(toOther::join).hasCauseInstanceOf(ActorUnavailableException.class);
            assertThatThrownBy(() -> longer.register("counter/3", gone, new CompletableFuture<>()))
                    .isInstanceOf(ActorUnavailableException.class).hasMessageContaining("counter/3");
        } finally {
            longer.close();
        }
    }
}
