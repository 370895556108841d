package io.github.luaactor.core.internal.actor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures of the application's own callbacks (dead-letter listeners, monitors and their probes, VM customizers)
 * called from an actor's thread: logged at most once a second, with how many were left out, and never allowed to end
 * the turn or drain loop that called them (a wedged actor would never answer its callers again).
 */
final class HostCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(HostCallbacks.class);
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);
    private static final AtomicLong LAST_LOGGED = new AtomicLong(System.nanoTime() - INTERVAL);
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private HostCallbacks() {
    }

    /** Records that {@code what} (a monitor, a listener...) threw while called for actor {@code actor}. */
    static void failed(String actor, String what, Throwable failure) {
        if (failure instanceof VirtualMachineError error && !(failure instanceof StackOverflowError)) {
            // Out of memory and the like: nothing sensible goes on from here.
            throw error;
        }
        long now = System.nanoTime();
        long last = LAST_LOGGED.get();
        if (now - last >= INTERVAL && LAST_LOGGED.compareAndSet(last, now)) {
            long skipped = SUPPRESSED.getAndSet(0);
            LOG.warn("Lua actor '{}': a {} threw; ignored{}", actor, what,
                    skipped > 0 ? " (and " + skipped + " more callback failures since the last report)" : "",
                    failure);
        } else {
            SUPPRESSED.incrementAndGet();
        }
    }
}
