package io.github.luaactor.core.internal.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LogCapture;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

/** Dead letters are logged at most once a second, each report saying how many were left out before it. */
class DeadLetterLogTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final DeadLetterLog deadLetterLog = new DeadLetterLog(now::get);

    private static DeadLetter letter(String actor, int message) {
        return new DeadLetter(actor, DeadLetter.Reason.MAILBOX_FULL, LuaMessage.from(message), null, Instant.now());
    }

    @Test
    void logsTheFirstThenOneReportPerSecondCountingTheSuppressed() {
        try (LogCapture log = new LogCapture("io.github.luaactor.deadletters", Level.WARN)) {
            deadLetterLog.log(letter("first", 1));
            for (int i = 2; i <= 5; i++) {
                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
                deadLetterLog.log(letter("burst", i));
            }
            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("Dead letter for Lua actor 'first' (mailbox-full): Int[value=1]");

            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
            deadLetterLog.log(letter("later", 6));
            deadLetterLog.log(letter("suppressed", 7));

            assertThat(log.events()).hasSize(2).last().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).isEqualTo(
                        "Dead letter for Lua actor 'later' (mailbox-full) and 4 more since the last report: "
                                + "Int[value=6]");
            });
        }
    }

    @Test
    void aQuietSecondReportsNothingSuppressed() {
        try (LogCapture log = new LogCapture("io.github.luaactor.deadletters", Level.WARN)) {
            deadLetterLog.log(letter("a", 1));
            now.addAndGet(TimeUnit.SECONDS.toNanos(5));
            deadLetterLog.log(letter("b", 2));

            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "Dead letter for Lua actor 'a' (mailbox-full): Int[value=1]",
                    "Dead letter for Lua actor 'b' (mailbox-full): Int[value=2]");
        }
    }
}
