package io.github.luaactor.core;

import java.time.Instant;
import java.util.Map;

/** A live, allocation-free view of one actor's counters (read them as often as you like). */
public interface ActorStatistics {
    int mailboxSize();

    /** Configured capacity; 0 means unbounded. */
    int mailboxCapacity();

    /** Messages accepted into the mailbox. */
    long received();

    /** Handlers that returned normally. */
    long succeeded();

    /** Handlers that failed (Lua error, budget, stack overflow). */
    long failed();

    /** Handlers finished, successfully or not. */
    default long processed() {
        return succeeded() + failed();
    }

    /** Dead letters addressed to this actor, by reason. */
    Map<DeadLetter.Reason, Long> rejected();

    /**
     * Dead letters of one reason addressed to this actor. The runtime's own statistics answer without allocating
     * (a metrics registry reads this for every reason at every scrape); this default reads {@link #rejected()}.
     */
    default long rejected(DeadLetter.Reason reason) {
        Long count = rejected().get(reason);
        return count == null ? 0L : count;
    }

    /**
     * Times this actor's scripts were refused by {@code quota} (a {@link QuotaExceededException} raised at a
     * {@code ctx} call, or a refused coroutine). 0 for statistics that do not track quotas.
     */
    default long quotaExceeded(Quota quota) {
        return 0L;
    }

    /** {@code ctx.notify_later} timers of this actor not yet fired. 0 for statistics that do not track them. */
    default int pendingTimers() {
        return 0;
    }

    /** Live actors this actor started with {@code ctx.new_actor}. 0 for statistics that do not track them. */
    default int children() {
        return 0;
    }

    /** Handlers suspended in {@code ctx.send} right now. */
    int suspended();

    /** VM restarts so far. */
    long restarts();

    /** The most recent failure, or {@code null}. */
    ErrorInfo lastError();

    /**
     * An upper estimate of the bytes the actor's Lua values hold: the last measurement plus what was allocated
     * since, and what it holds outside its VM (pending timers' and large queued messages as of its last turn's start,
     * the charges of suspended compiled handlers; see docs/security.md); while a handler that ran compiled code is
     * running, everything its turn allocated, which its JVM locals may hold; 0 before the VM exists or when memory is
     * not accounted.
     */
    default long memoryEstimate() {
        return 0L;
    }

    /** The actor's memory limit in bytes, 0 for none. */
    default long memoryLimit() {
        return 0L;
    }

    /** How often the actor's retained memory was measured (each a walk over its Lua values). */
    default long memoryMeasurements() {
        return 0L;
    }

    /** A failure as shown to operators. */
    /**
     * Where the actor keeps {@code ctx.state}: {@code memory} (in its VM only) or the
     * {@link io.github.luaactor.core.state.LuaStateStore#kind() kind} of its durable store.
     */
    default String stateStore() {
        return "memory";
    }

    /**
     * The revision of the actor's last loaded or saved snapshot: 0 before the first save, -1 when the state is not
     * durable.
     */
    default long stateRevision() {
        return -1;
    }

    record ErrorInfo(String type, String message, Instant timestamp) {
    }
}
