package io.github.luaactor.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

import io.github.luaactor.core.LuaTimerScheduler;

/**
 * A clock that moves only when a test says so, and the {@code ctx.notify_later} timers waiting on it. Give it to a
 * system with {@code LuaActorSystem.Builder.timerScheduler(...)}; {@link LuaActorTestKit#advanceTime(Duration)}
 * moves it and fires what falls due, in time order (timers due at the same instant in the order they were set).
 * {@link #clock()} is the same time as a {@link Clock}, for customizers that give scripts a {@code now()}.
 * Thread-safe.
 */
public final class VirtualTimerScheduler implements LuaTimerScheduler {
    private static final Comparator<Timer> ORDER = Comparator.comparingLong(Timer::dueNanos)
            .thenComparingLong(Timer::sequence);

    private final Instant start;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(ORDER);
    private long nowNanos;
    private long sequence;

    /** Starts at the current wall-clock instant (then moves only on {@code advance}). */
    public VirtualTimerScheduler() {
        this(Instant.now());
    }

    public VirtualTimerScheduler(Instant start) {
        this.start = start;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(plus(nowNanos, Math.max(0, delay.toNanos())), sequence++, task);
        timers.add(timer);
        return () -> cancel(timer);
    }

    private synchronized boolean cancel(Timer timer) {
        return timers.remove(timer);
    }

    /** How far the clock has moved since it was created. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** The current virtual instant. */
    public synchronized Instant now() {
        return start.plusNanos(nowNanos);
    }

    /** Timers set and not fired yet. */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    /** The virtual time as a {@link Clock} (UTC). */
    public Clock clock() {
        return new VirtualClock(this, ZoneOffset.UTC);
    }

    /** The elapsed nanoseconds {@code amount} from now (saturating: a timer at "never" stays unreachable). */
    synchronized long targetAfter(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Virtual time only moves forward, not by " + amount);
        }
        return plus(nowNanos, amount.toNanos());
    }

    /**
     * Takes the earliest timer due at or before {@code untilNanos} and moves the clock to its instant; when none is
     * due, moves the clock to {@code untilNanos} and returns null.
     */
    synchronized Runnable takeDue(long untilNanos) {
        Timer next = timers.peek();
        if (next == null || next.dueNanos() > untilNanos) {
            nowNanos = Math.max(nowNanos, untilNanos);
            return null;
        }
        timers.poll();
        nowNanos = Math.max(nowNanos, next.dueNanos());
        return next.task();
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private record Timer(long dueNanos, long sequence, Runnable task) {
    }

    private static final class VirtualClock extends Clock {
        private final VirtualTimerScheduler timers;
        private final ZoneId zone;

        VirtualClock(VirtualTimerScheduler timers, ZoneId zone) {
            this.timers = timers;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new VirtualClock(timers, newZone);
        }

        @Override
        public Instant instant() {
            return timers.now();
        }
    }
}
