package io.github.luaactor.core.internal.actor;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.luaactor.core.LuaActorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor's warnings about failures nobody else hears of (a fire-and-forget message, a hook), at most one line a
 * second with how many were left out: a sender that keeps failing, for instance against a recipient that has gone,
 * cannot flood the log. Made at the first such failure; used by the baton holder only, so plain fields suffice.
 */
final class FailureLog {
    /** The cell's logger, where these lines were written before they were rate-limited. */
    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier clock;
    private long lastLogged;
    private long skipped;

    FailureLog() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds, so a test can step over the interval instead of sleeping through it. */
    FailureLog(LongSupplier clock) {
        this.clock = clock;
        this.lastLogged = clock.getAsLong() - INTERVAL;
    }

    /** Warns that {@code what} ("on_started", "a fire-and-forget message") of {@code cell} failed, unless too soon. */
    static void warn(ActorCell cell, String what, LuaActorException failure) {
        FailureLog log = cell.failureLog;
        if (log == null) {
            log = new FailureLog();
            cell.failureLog = log;
        }
        long left = log.logOrSkip();
        if (left >= 0) {
            LOG.warn("Lua actor '{}': {} failed{}: {}", cell.name, what, leftOut(left), failure.getMessage());
        }
    }

    /**
     * -1 when this failure is to be left out; otherwise it is to be logged, and the result is how many were left out
     * since the last line.
     */
    long logOrSkip() {
        long now = clock.getAsLong();
        if (now - lastLogged < INTERVAL) {
            skipped++;
            return -1;
        }
        lastLogged = now;
        long left = skipped;
        skipped = 0;
        return left;
    }

    /** The suffix of a logged line for {@code left} failures left out before it. */
    static String leftOut(long left) {
        return left > 0 ? " (and " + left + " more since the last report)" : "";
    }
}
