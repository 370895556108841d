package io.github.luaactor.core.internal.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaTimerScheduler;

/**
 * The threads of one actor system: a virtual thread per drain loop and per Java recipient call, and one platform
 * timer thread that only hands delayed work to virtual threads. Counts drain loops waiting for a carrier, which is
 * what a busy actor looks at before it keeps its carrier ({@link TimeSlice}).
 */
public final class Dispatcher {
    private final ThreadFactory threads = Thread.ofVirtual().name("lua-actor").factory();
    private final ScheduledThreadPoolExecutor timers;
    private final AtomicInteger waitingDrainers = new AtomicInteger();
    private final AtomicInteger recipientCalls = new AtomicInteger();
    /** Where {@code ctx.notify_later} waits; null means this dispatcher's own timer thread. */
    private volatile LuaTimerScheduler timerScheduler;
    private final ConcurrentLinkedQueue<Runnable> readyDrainers = new ConcurrentLinkedQueue<>();
    /** Whether a Java {@code send} to an idle actor may run its handler on the sender's thread. */
    private volatile boolean sendsOnCallerThread = true;

    public Dispatcher() {
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lua-actor-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Whether a Java {@code send} to an idle actor may run its handler on the sender's thread (default true). */
    public boolean sendsOnCallerThread() {
        return sendsOnCallerThread;
    }

    public void sendsOnCallerThread(boolean allowed) {
        this.sendsOnCallerThread = allowed;
    }

    /** Runs a task on a new virtual thread. */
    public void execute(Runnable task) {
        threads.newThread(task).start();
    }

    /**
     * Starts an actor's drain loop on a new virtual thread, counted while it waits for a carrier. The drain loops
     * wait in one first-come, first-served queue of this system, and each new virtual thread runs the oldest: the
     * JDK's scheduler runs a carrier's own queue (the threads started there, as a busy actor's hand-on is) before
     * work submitted from outside, so by thread alone a few self-notifying actors could keep the drain loop of an
     * actor sent to from a caller's thread waiting for seconds.
     */
    public void startDrainer(Runnable drain) {
        waitingDrainers.incrementAndGet();
        readyDrainers.add(drain);
        execute(this::runDrainers);
    }

    /**
     * Continues a busy actor's drain loop behind the other actors' drain loops. On a drainer thread whose
     * {@link DrainerRun} is still young the loop is only queued: that thread takes the oldest drain loop next, so a
     * hand-on costs a queue operation, not a thread. Otherwise the continuation starts on a new virtual thread
     * started from the timer thread rather than from this carrier: a carrier runs the threads started on it, one
     * after another, before it looks at anything submitted from outside (a caller's {@code send}, a thread woken from
     * a lock or a sleep), so busy actors that handed on to threads of their own carrier would keep those waiting for
     * as long as they stay busy. Started from outside, the continuation queues behind them.
     */
    public void handOn(Runnable drain) {
        waitingDrainers.incrementAndGet();
        readyDrainers.add(drain);
        DrainerRun run = DrainerRun.current(this);
        if (run != null && run.owesNext()) {
            return;
        }
        startFromOutside();
    }

    private void startFromOutside() {
        try {
            timers.execute(() -> execute(this::runDrainers));
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            execute(this::runDrainers);
        }
    }

    /**
     * Runs the oldest waiting drain loop, then, while this thread's {@link DrainerRun} is young, the next oldest, and
     * so on. One thread is started per queued drain loop, so a thread that finds the queue empty (another took its
     * loop) just ends; a run that ends while it still owes a queued hand-on its thread starts that thread.
     */
    private void runDrainers() {
        DrainerRun run = DrainerRun.begin(this);
        try {
            while (true) {
                Runnable drain = readyDrainers.poll();
                if (drain == null) {
                    // Whatever this run owed was taken by other threads: nothing queued is left without one.
                    run.foundQueueEmpty();
                    break;
                }
                waitingDrainers.decrementAndGet();
                run.took();
                drain.run();
                if (!run.young()) {
                    break;
                }
            }
        } finally {
            int owed = run.end();
            for (int i = 0; i < owed; i++) {
                startFromOutside();
            }
        }
    }

    /** Whether some actor's drain loop waits for a carrier thread (a busy actor then hands its carrier on). */
    public boolean drainersWaiting() {
        return waitingDrainers.get() > 0;
    }

    /** Runs a task on a new virtual thread after a delay; the timer thread itself runs nothing else. */
    public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return timers.schedule(() -> execute(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Sets where {@code ctx.notify_later} timers wait; null for this dispatcher's own timer thread. */
    public void timerScheduler(LuaTimerScheduler scheduler) {
        this.timerScheduler = scheduler;
    }

    /**
     * Schedules a {@code ctx.notify_later} delivery on the configured timer scheduler (the real clock by default).
     * Only these timers: a restart's back-off keeps the real clock, whatever a test does with time.
     */
    public LuaTimerScheduler.Cancellable scheduleTimer(Runnable task, long delayNanos) {
        LuaTimerScheduler scheduler = timerScheduler;
        if (scheduler == null) {
            ScheduledFuture<?> future = schedule(task, delayNanos);
            return () -> future.cancel(false);
        }
        return scheduler.schedule(Duration.ofNanos(delayNanos), task);
    }

    /** Calls a Java recipient on its own virtual thread, so a blocking recipient stalls nobody. */
    public CompletableFuture<LuaMessage> callJava(LuaMessageHandler handler, LuaMessage message) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        // Counted from here, not from when the thread starts: a test kit waiting for quiet must not miss a call
        // whose virtual thread has not run yet.
        recipientCalls.incrementAndGet();
        execute(() -> {
            try {
                LuaMessage result = handler.handle(message);
                reply.complete(result == null ? LuaMessage.NIL : result);
            } catch (Throwable t) {
                reply.completeExceptionally(t);
            } finally {
                recipientCalls.decrementAndGet();
            }
        });
        return reply;
    }

    /** Java recipient calls started and not returned yet. */
    public int recipientCallsInFlight() {
        return recipientCalls.get();
    }

    /** Cancels pending timers; virtual threads already started finish on their own. */
    public void shutdown() {
        timers.shutdownNow();
    }
}
