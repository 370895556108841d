package io.github.luaactor.core.internal.actor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.luaactor.core.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs dead letters at most once a second, with how many were left out in between. */
final class DeadLetterLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.luaactor.deadletters");
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier clock;
    private final AtomicLong lastLogged;
    private final AtomicLong suppressed = new AtomicLong();

    DeadLetterLog() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds, so a test can step over the interval instead of sleeping through it. */
    DeadLetterLog(LongSupplier clock) {
        this.clock = clock;
        this.lastLogged = new AtomicLong(clock.getAsLong() - INTERVAL);
    }

    void log(DeadLetter letter) {
        long now = clock.getAsLong();
        long last = lastLogged.get();
        if (now - last >= INTERVAL && lastLogged.compareAndSet(last, now)) {
            long skipped = suppressed.getAndSet(0);
            LOG.warn("Dead letter for Lua actor '{}' ({}){}: {}", letter.actor(), letter.reason().tag(),
                    skipped > 0 ? " and " + skipped + " more since the last report" : "",
                    MessagePreview.of(letter.message()));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
