package io.github.luaactor.core;

import java.time.Duration;

/**
 * Where {@code ctx.notify_later} timers wait: by default the system's own timer thread on the real clock. A test kit
 * plugs in a virtual clock so that a five-minute debounce fires when the test says so, in milliseconds.
 * <p>
 * The task only queues the message in the actor's mailbox (cheap and thread-safe), so an implementation may run it on
 * any thread, including the one that advances its clock. Restart back-off stays on the real clock.
 */
@FunctionalInterface
public interface LuaTimerScheduler {

    /** Runs {@code task} once, {@code delay} from now on this scheduler's clock; the handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task; false when it already ran or was cancelled. */
        boolean cancel();
    }
}
