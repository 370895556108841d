package io.github.luaactor.core.internal.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.luaactor.core.LogCapture;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

/** Failures nobody else hears of are logged at most once a second per actor, with how many were left out. */
class FailureLogTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final FailureLog failureLog = new FailureLog(now::get);

    @Test
    void logsTheFirstThenOnceASecondCountingWhatWasLeftOut() {
        assertThat(failureLog.logOrSkip()).isZero();
        for (int i = 0; i < 4; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(failureLog.logOrSkip()).isEqualTo(-1);
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        assertThat(failureLog.logOrSkip()).isEqualTo(4);
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertThat(failureLog.logOrSkip()).isZero();
        assertThat(FailureLog.leftOut(0)).isEmpty();
        assertThat(FailureLog.leftOut(4)).isEqualTo(" (and 4 more since the last report)");
    }

    @Test
    void aSenderFailingAgainstAVanishedRecipientCannotFloodTheLog() {
        try (LuaActorSystem system = LuaActorSystem.create();
                LogCapture log = new LogCapture(ActorCell.class.getName(), Level.WARN)) {
            LuaActorRef sender = LuaActorBuilder.create().name("sender").mailboxCapacity(0)
                    .onHandle("ctx.do_send('gone', ctx.msg)").start(system);
            int messages = 2_000;
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                sender.doSend(LuaMessage.from(i));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sender.statistics().failed() == messages);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            List<ILoggingEvent> lines = log.events();
            assertThat(lines).isNotEmpty().hasSizeLessThanOrEqualTo((int) seconds + 2);
            assertThat(lines.getFirst().getFormattedMessage())
                    .contains("Lua actor 'sender': a fire-and-forget message failed").contains("gone");
        }
    }
}
