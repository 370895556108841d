package io.github.luaactor.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-actor limits and policies. {@link #defaults()} gives the documented defaults; {@code with…} methods return
 * modified copies. This class is the one source of the defaults: the Spring Boot properties leave a value unset
 * (null) and fall back on {@link #defaults()}, and the two observability defaults that are not part of the record
 * ({@link #DEFAULT_TIMER_SAMPLING}, {@link #DEFAULT_MAILBOX_WARNING_RATIO}) live here too.
 *
 * @param mailboxCapacity   messages the mailbox holds; 0 means unbounded
 * @param overflowPolicy    what happens to a message that does not fit
 * @param enqueueTimeout    how long {@link OverflowPolicy#BLOCK} waits for room
 * @param instructionLimit  VM instructions one handler may run; 0 means unlimited
 * @param handlerTimeout    wall-clock time one handler may run, suspension in {@code ctx.send} excluded; zero means unlimited
 * @param askTimeout        how long {@code ctx.send} waits for a reply before raising {@code timeout}
 * @param maxStringLength   largest string a script may build, in bytes ({@code ..}, {@code string.rep},
 *                          {@code table.concat}, {@code string.gsub}, {@code string.format}, {@code os.date},
 *                          {@code json.encode}); a message may hold 16 times as many string bytes
 * @param onFailure         what a failed handler does to the actor
 * @param restart           back-off and limits for {@link FailurePolicy#RESTART}
 * @param reentrant         whether the actor starts other messages while a handler waits in {@code ctx.send}
 *                          ({@code true}, the default: throughput, and cycles of sends work); {@code false} makes
 *                          the actor strict: no other message starts until that handler has finished, so its
 *                          state cannot change under it (see docs/threading-model.md)
 * @param memoryLimit       estimated bytes the actor's Lua values (globals, {@code ctx.state}, upvalues, the running
 *                          handler's locals) may hold; a handler that would take it over fails with
 *                          {@link MemoryLimitExceededException}; 0 means unlimited (see docs/security.md for the
 *                          estimate's precision)
 * @param quotas            what one actor's scripts may ask of the runtime (children, suspended handlers, timers,
 *                          coroutines)
 */
public record ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
        long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
        FailurePolicy onFailure, RestartSettings restart, boolean reentrant, long memoryLimit,
        QuotaSettings quotas) {

    /** Default of {@link #reentrant()}: handlers interleave at {@code ctx.send}, as before the setting existed. */
    public static final boolean DEFAULT_REENTRANT = true;

    public static final int DEFAULT_MAILBOX_CAPACITY = 10_000;
    public static final long DEFAULT_INSTRUCTION_LIMIT = 10_000_000L;
    public static final int DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;
    /** 32 MiB: room for a large state, and 30 actors that reach it still fit a 1 GiB heap. */
    public static final long DEFAULT_MEMORY_LIMIT = 32L * 1024 * 1024;

    /**
     * Default of how many messages a metrics monitor times one of while the actor is busy (the Micrometer binder's
     * {@code timerSampling}): timing every message (three clock reads, two timer updates) costs a third of a small
     * handler's throughput. A clock read costs 30-40 ns on a virtual machine (the benchmarks' reference machine),
     * close to what a one-line handler takes: one in 16 still cost 12 % of the tell throughput there, one in 64
     * stays under 5 %, and at a million messages a second still gives the timers 15,000 samples a second. Not part
     * of the record: the monitor, not the actor, applies it.
     */
    public static final int DEFAULT_TIMER_SAMPLING = 64;

    /**
     * Default fill ratio of a bounded mailbox from which health reporting warns that the actor falls behind. Not part
     * of the record: the health check, not the actor, applies it.
     */
    public static final double DEFAULT_MAILBOX_WARNING_RATIO = 0.9;

    private static final ActorSettings DEFAULTS = new ActorSettings(DEFAULT_MAILBOX_CAPACITY, OverflowPolicy.REJECT,
            Duration.ofSeconds(1), DEFAULT_INSTRUCTION_LIMIT, Duration.ofSeconds(10), Duration.ofSeconds(30),
            DEFAULT_MAX_STRING_LENGTH, FailurePolicy.RESUME, RestartSettings.defaults(), DEFAULT_REENTRANT,
            DEFAULT_MEMORY_LIMIT, QuotaSettings.defaults());

    public ActorSettings {
        if (mailboxCapacity < 0) {
            throw new IllegalArgumentException("mailboxCapacity must be >= 0 (0 = unbounded), was " + mailboxCapacity);
        }
        if (instructionLimit < 0) {
            throw new IllegalArgumentException("instructionLimit must be >= 0 (0 = unlimited), was " + instructionLimit);
        }
        if (maxStringLength <= 0) {
            throw new IllegalArgumentException("maxStringLength must be > 0, was " + maxStringLength);
        }
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memoryLimit must be >= 0 (0 = unlimited), was " + memoryLimit);
        }
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
        Objects.requireNonNull(handlerTimeout, "handlerTimeout");
        Objects.requireNonNull(askTimeout, "askTimeout");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(quotas, "quotas");
    }

    /** The settings without {@link #reentrant()} and {@link #memoryLimit()}: reentrant, the default limit. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, DEFAULT_REENTRANT, DEFAULT_MEMORY_LIMIT, QuotaSettings.defaults());
    }

    /** The settings without {@link #memoryLimit()}: {@link #DEFAULT_MEMORY_LIMIT}. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart, boolean reentrant) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, DEFAULT_MEMORY_LIMIT, QuotaSettings.defaults());
    }

    /** The settings without {@link #reentrant()}: reentrant. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart, long memoryLimit) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, DEFAULT_REENTRANT, memoryLimit, QuotaSettings.defaults());
    }

    /** The settings with the quotas and without {@link #reentrant()} or {@link #memoryLimit()}: the defaults. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart, QuotaSettings quotas) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, DEFAULT_REENTRANT, DEFAULT_MEMORY_LIMIT, quotas);
    }

    /** The settings with {@link #reentrant()} and the quotas, without {@link #memoryLimit()}: the default limit. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart, boolean reentrant, QuotaSettings quotas) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, DEFAULT_MEMORY_LIMIT, quotas);
    }

    /** The settings with {@link #reentrant()} and {@link #memoryLimit()}, without the quotas: the defaults. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart, boolean reentrant, long memoryLimit) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, memoryLimit, QuotaSettings.defaults());
    }

    public static ActorSettings defaults() {
        return DEFAULTS;
    }

    public ActorSettings withMailboxCapacity(int value) {
        return new ActorSettings(value, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withOverflowPolicy(OverflowPolicy value) {
        return new ActorSettings(mailboxCapacity, value, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withEnqueueTimeout(Duration value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, value, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withInstructionLimit(long value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, value, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withHandlerTimeout(Duration value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, value, askTimeout,
                maxStringLength, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withAskTimeout(Duration value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                value, maxStringLength, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withMaxStringLength(int value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, value, onFailure, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withOnFailure(FailurePolicy value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, value, restart, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withRestart(RestartSettings value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, onFailure, value, reentrant, memoryLimit, quotas);
    }

    public ActorSettings withReentrant(boolean value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, onFailure, restart, value, memoryLimit, quotas);
    }

    public ActorSettings withQuotas(QuotaSettings value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, onFailure, restart, reentrant, memoryLimit, value);
    }

    public ActorSettings withMemoryLimit(long value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, onFailure, restart, reentrant, value, quotas);
    }

    /**
     * Exponential back-off between restarts; more than {@code maxRestarts} restarts within {@code window} stop the
     * actor for good ({@link ActorState#FAILED}).
     */
    public record RestartSettings(Duration minBackoff, Duration maxBackoff, int maxRestarts, Duration window) {
        private static final RestartSettings DEFAULTS = new RestartSettings(Duration.ofMillis(100),
                Duration.ofSeconds(10), 10, Duration.ofMinutes(1));

        public RestartSettings {
            Objects.requireNonNull(minBackoff, "minBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(window, "window");
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must be >= 0");
            }
        }

        public static RestartSettings defaults() {
            return DEFAULTS;
        }

        public RestartSettings withMinBackoff(Duration value) {
            return new RestartSettings(value, maxBackoff, maxRestarts, window);
        }

        public RestartSettings withMaxBackoff(Duration value) {
            return new RestartSettings(minBackoff, value, maxRestarts, window);
        }

        public RestartSettings withMaxRestarts(int value) {
            return new RestartSettings(minBackoff, maxBackoff, value, window);
        }

        public RestartSettings withWindow(Duration value) {
            return new RestartSettings(minBackoff, maxBackoff, maxRestarts, value);
        }
    }

    /**
     * What one actor's scripts may hold at once; each limit refused with a {@link QuotaExceededException} and counted
     * in {@link ActorStatistics#quotaExceeded(Quota)}. Every value must be at least 1.
     *
     * @param maxChildren          live actors this actor started with {@code ctx.new_actor}
     * @param maxSuspendedHandlers handlers suspended in {@code ctx.send} at once
     * @param maxTimers            {@code ctx.notify_later} timers not yet fired (a stopped actor's are cancelled)
     * @param maxCoroutines        coroutines not yet finished
     * @param maxCallDepth         nested Lua calls of one coroutine, or of a handler outside coroutines; past it a call
     *                             raises Lua's {@code stack overflow} error, which {@code pcall} catches (see
     *                             docs/lua-ctx-reference.md)
     */
    public record QuotaSettings(int maxChildren, int maxSuspendedHandlers, int maxTimers, int maxCoroutines,
            int maxCallDepth) {
        public static final int DEFAULT_MAX_CHILDREN = 1_000;
        /** Enough for a busy gateway actor waiting on a slow service (each costs a few KB while parked). */
        public static final int DEFAULT_MAX_SUSPENDED_HANDLERS = 100_000;
        public static final int DEFAULT_MAX_TIMERS = 10_000;
        public static final int DEFAULT_MAX_COROUTINES = 1_000;
        /**
         * Deep enough for recursive code on data of real sizes; each nested call holds a few hundred bytes of JVM
         * stack, so a handler at the limit holds a few MB.
         */
        public static final int DEFAULT_MAX_CALL_DEPTH = 20_000;

        private static final QuotaSettings DEFAULTS = new QuotaSettings(DEFAULT_MAX_CHILDREN,
                DEFAULT_MAX_SUSPENDED_HANDLERS, DEFAULT_MAX_TIMERS, DEFAULT_MAX_COROUTINES, DEFAULT_MAX_CALL_DEPTH);

        public QuotaSettings {
            positive("maxChildren", maxChildren);
            positive("maxSuspendedHandlers", maxSuspendedHandlers);
            positive("maxTimers", maxTimers);
            positive("maxCoroutines", maxCoroutines);
            positive("maxCallDepth", maxCallDepth);
        }

        /** The quotas without {@link #maxCallDepth()}: {@link #DEFAULT_MAX_CALL_DEPTH}. */
        public QuotaSettings(int maxChildren, int maxSuspendedHandlers, int maxTimers, int maxCoroutines) {
            this(maxChildren, maxSuspendedHandlers, maxTimers, maxCoroutines, DEFAULT_MAX_CALL_DEPTH);
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + value);
            }
        }

        public static QuotaSettings defaults() {
            return DEFAULTS;
        }

        public QuotaSettings withMaxChildren(int value) {
            return new QuotaSettings(value, maxSuspendedHandlers, maxTimers, maxCoroutines, maxCallDepth);
        }

        public QuotaSettings withMaxSuspendedHandlers(int value) {
            return new QuotaSettings(maxChildren, value, maxTimers, maxCoroutines, maxCallDepth);
        }

        public QuotaSettings withMaxTimers(int value) {
            return new QuotaSettings(maxChildren, maxSuspendedHandlers, value, maxCoroutines, maxCallDepth);
        }

        public QuotaSettings withMaxCoroutines(int value) {
            return new QuotaSettings(maxChildren, maxSuspendedHandlers, maxTimers, value, maxCallDepth);
        }

        public QuotaSettings withMaxCallDepth(int value) {
            return new QuotaSettings(maxChildren, maxSuspendedHandlers, maxTimers, maxCoroutines, value);
        }
    }
}
