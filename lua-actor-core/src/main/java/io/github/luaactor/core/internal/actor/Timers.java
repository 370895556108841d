package io.github.luaactor.core.internal.actor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.core.Quota;

/**
 * One actor's pending {@code ctx.notify_later} timers: at most the actor's timer quota at once, and cancelled when the
 * actor stops (a stopped actor's timers would otherwise hold their messages, and the timer thread's queue, until they
 * fire only to become dead letters). Scheduling is baton holder only; firing and cancelling may race, hence the
 * concurrent set.
 */
final class Timers {
    private Timers() {
    }

    static void schedule(ActorCell cell, LuaMessage message, long delayNanos, Runnable delivery) {
        Set<LuaTimerScheduler.Cancellable> pending = cell.timers;
        if (pending == null) {
            pending = ConcurrentHashMap.newKeySet();
            cell.timers = pending;
        }
        int max = cell.settings.quotas().maxTimers();
        if (pending.size() >= max) {
            cell.system.deadLetters().report(cell.name, DeadLetter.Reason.QUOTA_EXCEEDED, message, cell.name);
            throw Quotas.refuse(cell, Quota.TIMERS, max, "ctx.notify_later refused: " + max
                    + " timers of this actor are still pending");
        }
        Set<LuaTimerScheduler.Cancellable> owner = pending;
        TimerTask task = new TimerTask(owner, delivery);
        task.future = cell.dispatcher.scheduleTimer(task, delayNanos);
        owner.add(task.future);
        if (task.fired) {
            // It fired before it was added: it removed nothing, so take its place back now.
            owner.remove(task.future);
        }
    }

    /** Cancels every pending timer of a stopped actor. */
    static void cancelAll(ActorCell cell) {
        Set<LuaTimerScheduler.Cancellable> pending = cell.timers;
        if (pending == null) {
            return;
        }
        for (LuaTimerScheduler.Cancellable timer : pending) {
            timer.cancel();
        }
        pending.clear();
    }

    static int pending(ActorCell cell) {
        Set<LuaTimerScheduler.Cancellable> pending = cell.timers;
        return pending == null ? 0 : pending.size();
    }

    private static final class TimerTask implements Runnable {
        private final Set<LuaTimerScheduler.Cancellable> owner;
        private final Runnable delivery;
        volatile LuaTimerScheduler.Cancellable future;
        volatile boolean fired;

        TimerTask(Set<LuaTimerScheduler.Cancellable> owner, Runnable delivery) {
            this.owner = owner;
            this.delivery = delivery;
        }

        @Override
        public void run() {
            fired = true;
            LuaTimerScheduler.Cancellable self = future;
            if (self != null) {
                owner.remove(self);
            }
            delivery.run();
        }
    }
}
