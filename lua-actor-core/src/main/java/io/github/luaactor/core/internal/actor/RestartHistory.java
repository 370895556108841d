package io.github.luaactor.core.internal.actor;

import java.util.ArrayDeque;
import java.util.Deque;

import io.github.luaactor.core.ActorSettings;

/**
 * When an actor's recent restarts happened, for the restart policy's limit and back-off. Made at the first failure
 * under that policy: most actors never fail and carry none.
 */
final class RestartHistory {
    private final Deque<Long> times = new ArrayDeque<>();

    /**
     * Records a restart at {@code now} and returns its back-off in nanoseconds, or -1 when the actor has already
     * restarted {@code maxRestarts} times within the window (it must then stop for good; nothing is recorded).
     */
    long restartOrGiveUp(ActorSettings.RestartSettings restart, long now) {
        long window = restart.window().toNanos();
        while (!times.isEmpty() && now - times.peekFirst() > window) {
            times.pollFirst();
        }
        if (times.size() >= restart.maxRestarts()) {
            return -1;
        }
        times.addLast(now);
        long backoff = restart.minBackoff().toNanos() << Math.min(20, times.size() - 1);
        return Math.min(backoff, restart.maxBackoff().toNanos());
    }

    /** Restarts within the window, as of the last call. */
    int recent() {
        return times.size();
    }
}
