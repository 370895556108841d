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
 */
public record ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
        long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
        FailurePolicy onFailure, RestartSettings restart, boolean reentrant) {

    /** Default of {@link #reentrant()}: handlers interleave at {@code ctx.send}, as before the setting existed. */
    public static final boolean DEFAULT_REENTRANT = true;

    public static final int DEFAULT_MAILBOX_CAPACITY = 10_000;
    public static final long DEFAULT_INSTRUCTION_LIMIT = 10_000_000L;
    public static final int DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;

    /**
     * Default of how many messages a metrics monitor times one of while the actor is busy (the Micrometer binder's
     * {@code timerSampling}): timing every message (three clock reads, two timer updates) costs a third of a small
     * handler's throughput; one in 16 stays within a few per cent. Not part of the record: the monitor, not the
     * actor, applies it.
     */
    public static final int DEFAULT_TIMER_SAMPLING = 16;

    /**
     * Default fill ratio of a bounded mailbox from which health reporting warns that the actor falls behind. Not part
     * of the record: the health check, not the actor, applies it.
     */
    public static final double DEFAULT_MAILBOX_WARNING_RATIO = 0.9;

    private static final ActorSettings DEFAULTS = new ActorSettings(DEFAULT_MAILBOX_CAPACITY, OverflowPolicy.REJECT,
            Duration.ofSeconds(1), DEFAULT_INSTRUCTION_LIMIT, Duration.ofSeconds(10), Duration.ofSeconds(30),
            DEFAULT_MAX_STRING_LENGTH, FailurePolicy.RESUME, RestartSettings.defaults(), DEFAULT_REENTRANT);

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
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
        Objects.requireNonNull(handlerTimeout, "handlerTimeout");
        Objects.requireNonNull(askTimeout, "askTimeout");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(restart, "restart");
    }

    /** The settings without {@link #reentrant()} (kept for callers written before it existed): reentrant. */
    public ActorSettings(int mailboxCapacity, OverflowPolicy overflowPolicy, Duration enqueueTimeout,
            long instructionLimit, Duration handlerTimeout, Duration askTimeout, int maxStringLength,
            FailurePolicy onFailure, RestartSettings restart) {
        this(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, DEFAULT_REENTRANT);
    }

    public static ActorSettings defaults() {
        return DEFAULTS;
    }

    public ActorSettings withMailboxCapacity(int value) {
        return new ActorSettings(value, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant);
    }

    public ActorSettings withOverflowPolicy(OverflowPolicy value) {
        return new ActorSettings(mailboxCapacity, value, enqueueTimeout, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant);
    }

    public ActorSettings withEnqueueTimeout(Duration value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, value, instructionLimit, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant);
    }

    public ActorSettings withInstructionLimit(long value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, value, handlerTimeout, askTimeout,
                maxStringLength, onFailure, restart, reentrant);
    }

    public ActorSettings withHandlerTimeout(Duration value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, value, askTimeout,
                maxStringLength, onFailure, restart, reentrant);
    }

    public ActorSettings withAskTimeout(Duration value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                value, maxStringLength, onFailure, restart, reentrant);
    }

    public ActorSettings withMaxStringLength(int value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, value, onFailure, restart, reentrant);
    }

    public ActorSettings withOnFailure(FailurePolicy value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, value, restart, reentrant);
    }

    public ActorSettings withRestart(RestartSettings value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, onFailure, value, reentrant);
    }

    public ActorSettings withReentrant(boolean value) {
        return new ActorSettings(mailboxCapacity, overflowPolicy, enqueueTimeout, instructionLimit, handlerTimeout,
                askTimeout, maxStringLength, onFailure, restart, value);
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
}
