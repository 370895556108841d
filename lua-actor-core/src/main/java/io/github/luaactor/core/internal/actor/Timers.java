package io.github.luaactor.core.internal.actor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.core.Quota;

/**
 * One actor's pending {@code ctx.notify_later} timers: at most the actor's timer quota at once, and cancelled when the
 * actor stops (a stopped actor's timers would otherwise hold their messages, and the timer thread's queue, until they
 * fire only to become dead letters). Their messages count towards the actor's memory limit until they fire or are
 * cancelled: thirty hour-long timers of a large table must not pin the heap outside every limit. Scheduling is baton
 * holder only; firing and cancelling may race, hence the concurrent set and the release-once tasks.
 */
final class Timers {
    private Timers() {
    }

    /** Made at an actor's first timer: actors that never use one pay nothing for it. */
    static final class Pending {
        final Set<TimerTask> tasks = ConcurrentHashMap.newKeySet();
        final AtomicLong heldBytes = new AtomicLong();
    }

    static void schedule(ActorCell cell, LuaMessage message, long delayNanos, Runnable delivery) {
        Pending pending = cell.timers;
        if (pending == null) {
            pending = new Pending();
            cell.timers = pending;
        }
        int max = cell.settings.quotas().maxTimers();
        if (pending.tasks.size() >= max) {
            cell.system.deadLetters().report(cell.name, DeadLetter.Reason.QUOTA_EXCEEDED, message, cell.name);
            throw Quotas.refuse(cell, Quota.TIMERS, max, "ctx.notify_later refused: " + max
                    + " timers of this actor are still pending");
        }
        long bytes = MessageSize.of(message);
        if (cell.vm != null) {
            // Throws the memory-limit error at the script's line when the message would take the actor over it.
            cell.vm.hook.chargeOutside(bytes);
        }
        TimerTask task = new TimerTask(pending, bytes, delivery);
        pending.heldBytes.addAndGet(bytes);
        pending.tasks.add(task);
        try {
            task.future = cell.dispatcher.scheduleTimer(task, delayNanos);
        } catch (RuntimeException | Error e) {
            task.release();
            throw e;
        }
    }

    /** Cancels every pending timer of a stopped actor. */
    static void cancelAll(ActorCell cell) {
        Pending pending = cell.timers;
        if (pending == null) {
            return;
        }
        for (TimerTask task : pending.tasks) {
            LuaTimerScheduler.Cancellable future = task.future;
            if (future != null) {
                future.cancel();
            }
            task.release();
        }
    }

    static int pending(ActorCell cell) {
        Pending pending = cell.timers;
        return pending == null ? 0 : pending.tasks.size();
    }

    /** The estimated bytes of the messages this actor's pending timers hold. */
    static long heldBytes(ActorCell cell) {
        Pending pending = cell.timers;
        return pending == null ? 0L : pending.heldBytes.get();
    }

    private static final class TimerTask implements Runnable {
        private final Pending owner;
        private final long bytes;
        private final Runnable delivery;
        private final AtomicBoolean released = new AtomicBoolean();
        volatile LuaTimerScheduler.Cancellable future;

        TimerTask(Pending owner, long bytes, Runnable delivery) {
            this.owner = owner;
            this.bytes = bytes;
            this.delivery = delivery;
        }

        @Override
        public void run() {
            if (release()) {
                delivery.run();
            }
        }

        /** Leaves the pending set and gives its bytes back, once; false if a cancel or the firing came first. */
        boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            owner.tasks.remove(this);
            owner.heldBytes.addAndGet(-bytes);
            return true;
        }
    }
}
