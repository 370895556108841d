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

    /**
     * An actor stopped for good, and why. The runtime calls either this method or {@link #actorStopped(LuaActorRef)}
     * once per actor, never both; by default this one calls {@link #actorStopped(LuaActorRef)}, so a monitor that
     * does not care why only overrides that.
     */
    default void actorStopped(LuaActorRef actor, StopReason reason) {
        actorStopped(actor);
    }

    /** Why an actor stopped for good. */
    enum StopReason {
        /** {@link LuaActorRef#stop()} or the system's shutdown: the application stopped it on purpose. */
        STOPPED,
        /** Its script called {@code ctx.terminate()}. */
        TERMINATED,
        /**
         * A failure stopped it ({@link ActorState#FAILED}): its restarts were exhausted, or its failure policy is
         * {@code stop}; its last error says which failure.
         */
        FAILED,
        /** Its {@code on_started} hook failed and the failure policy gave up before it handled a message. */
        START_FAILED;

        /** Whether the actor died rather than being stopped on purpose. */
        public boolean isFailure() {
            return this == FAILED || this == START_FAILED;
        }

        /** Lower-case, hyphenated name, as shown by the Actuator endpoint and health details. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
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

        /**
         * A durable actor saved its {@code ctx.state}, or failed to (docs/state.md). Called on the actor's thread
         * after each save, not sampled.
         *
         * @param nanos   how long the encoding and the store's save took
         * @param bytes   the encoded size, 0 when the encoding itself failed
         * @param success whether the state was saved
         */
        default void stateSaved(long nanos, int bytes, boolean success) {
        }
    }
}
