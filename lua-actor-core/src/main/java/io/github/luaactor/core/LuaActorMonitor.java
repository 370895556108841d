package io.github.luaactor.core;

/**
 * Observes actors for metrics. Called on actor threads: implementations must be thread-safe and cheap.
 * The counters themselves live in {@link ActorStatistics}; a monitor adds timings and life-cycle events.
 */
public interface LuaActorMonitor {

    LuaActorMonitor NONE = new LuaActorMonitor() {
    };

    /** An actor started; the returned probe receives its per-message timings. */
    default Probe actorStarted(LuaActorRef actor) {
        return Probe.NONE;
    }

    /** An actor stopped for good; its meters may be removed. */
    default void actorStopped(LuaActorRef actor) {
    }

    /** Per-actor timing callbacks, resolved once per actor so the hot path does no look-ups. */
    interface Probe {
        Probe NONE = (waitNanos, runNanos, success) -> {
        };

        /**
         * A handler finished.
         *
         * @param mailboxWaitNanos time from enqueue to handler start
         * @param runNanos         time spent running, suspension in {@code ctx.send} excluded
         * @param success          whether it returned normally
         */
        void handled(long mailboxWaitNanos, long runNanos, boolean success);

        /**
         * Times one message in this many while messages queue up; a message with none queued behind it, or the
         * first after the actor was idle, is always timed, so a lightly loaded actor has every message timed. {@code 1} (the default) times every
         * message. Counts of messages do not depend on it: they come from {@link ActorStatistics}.
         */
        default int timerSampling() {
            return 1;
        }
    }
}
