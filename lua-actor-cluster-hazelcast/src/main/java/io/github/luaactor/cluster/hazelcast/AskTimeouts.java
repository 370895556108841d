package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * The ask timeout of every pending ask on one timer: a sweep every {@link #SWEEPS_PER_TIMEOUT}th of the timeout
 * (at most every 50 ms) fails what is late, so an ask fails at most that much after its timeout. The sweep runs
 * while asks are pending and stops when none is, so an idle member has no timer thread waking it up. Per-ask timers
 * ({@code CompletableFuture.orTimeout}) cost a scheduled task and a wake-up of the scheduler thread for each ask,
 * and again to cancel it: on a busy member that was a good part of a round trip's CPU time.
 */
final class AskTimeouts implements AutoCloseable {
    static final int SWEEPS_PER_TIMEOUT = 20;
    private static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Duration timeout;
    private final long timeoutNanos;
    private final long periodNanos;
    private final LongConsumer expire;
    private final IntSupplier pending;
    private final ScheduledExecutorService timer;
    /** Read without the lock by every ask; written under it. */
    private volatile ScheduledFuture<?> sweeping;
    private volatile boolean closed;

    /**
     * @param expire  fails the asks late at the given {@link System#nanoTime()}
     * @param pending how many asks are pending
     */
    AskTimeouts(String memberName, Duration timeout, LongConsumer expire, IntSupplier pending) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(MAX_PERIOD_NANOS, timeoutNanos / SWEEPS_PER_TIMEOUT));
        this.expire = expire;
        this.pending = pending;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("lua-actor-cluster-timeouts-" + memberName).factory());
    }

    Duration timeout() {
        return timeout;
    }

    /** The deadline of an ask registered now. */
    long deadline() {
        return System.nanoTime() + timeoutNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** An ask was registered (before this call): the sweep runs (again) if it had stopped. */
    void started() {
        if (sweeping == null) {
            start();
        }
    }

    private synchronized void start() {
        if (sweeping == null && !closed) {
            sweeping = timer.scheduleAtFixedRate(this::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sweep() {
        expire.accept(System.nanoTime());
        if (pending.getAsInt() == 0) {
            stopIfIdle();
        }
    }

    /**
     * Nothing seems pending: the sweep stops. The field is cleared before pending asks are counted again, so an ask
     * registered meanwhile is either counted here (the sweep goes on) or sees the field cleared and starts it.
     */
    private synchronized void stopIfIdle() {
        ScheduledFuture<?> running = sweeping;
        sweeping = null;
        if (pending.getAsInt() > 0) {
            sweeping = running;
        } else if (running != null) {
            running.cancel(false);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
    }
}
