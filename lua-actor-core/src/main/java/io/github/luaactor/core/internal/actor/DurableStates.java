package io.github.luaactor.core.internal.actor;

import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.state.DurableState;
import io.github.luaactor.core.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable actor's {@code ctx.state} at the points of its life that touch the store (docs/state.md): loaded into
 * each new VM before {@code on_started}, saved after each successful turn (or when a write-behind save comes due),
 * rolled back to the last saved snapshot after a failed turn or save. Baton holder only.
 */
final class DurableStates {
    private static final Logger LOG = LoggerFactory.getLogger(DurableStates.class);

    private DurableStates() {
    }

    /** Puts the stored state into the new VM; returns the failure (the VM then waits for a later load), or null. */
    static StateStoreException restore(ActorCell cell) {
        try {
            cell.vm.state(cell.durable.load());
            return null;
        } catch (StateStoreException e) {
            record(cell, e);
            LOG.error("Lua actor '{}': {}; its messages fail until the state can be loaded", cell.name,
                    e.getMessage());
            return e;
        }
    }

    /**
     * A durable actor whose state could not be loaded when its VM was made tries again before each message, and
     * runs {@code on_started} once it succeeds. False when it failed again: the message fails with the reason.
     */
    static boolean loadLate(ActorCell cell, Envelope envelope) {
        StateStoreException failure = restore(cell);
        if (failure == null) {
            if (cell.vm.started != null) {
                TurnRunner.runHook(cell, cell.vm.started, "on_started");
            }
            return true;
        }
        cell.countFailed();
        if (envelope.reply == null) {
            FailureLog.warn(cell, "a fire-and-forget message", failure);
        } else {
            envelope.reply.completeExceptionally(failure);
        }
        return false;
    }

    /** After a turn that succeeded. Returns the save's failure, with {@code ctx.state} already rolled back, or null. */
    static StateStoreException afterSuccess(ActorCell cell) {
        DurableState durable = cell.durable;
        StateStoreException failure = durable.changed(cell.vm.state(), cell.probe);
        if (failure != null) {
            rollBack(cell);
        } else if (durable.isWriteBehind() && durable.takeFlushToSchedule()) {
            scheduleFlush(cell, durable);
        }
        return failure;
    }

    /** Back to the state after the last message that succeeded (after a failed save: the last saved one). */
    static void rollBack(ActorCell cell) {
        if (cell.durable.isLoaded() && cell.vm != null) {
            cell.vm.state(cell.durable.restore());
        }
    }

    /** A due write-behind save, or the last one when the actor stops; a failure is logged and rolls back. */
    static void flush(ActorCell cell) {
        if (cell.vm == null || !cell.durable.isLoaded()) {
            return;
        }
        StateStoreException failure = cell.durable.flush(cell.probe);
        if (failure != null) {
            record(cell, failure);
            LOG.error("Lua actor '{}': write-behind save failed, ctx.state rolls back to the last saved snapshot: {}",
                    cell.name, failure.getMessage());
            rollBack(cell);
        }
    }

    private static void scheduleFlush(ActorCell cell, DurableState durable) {
        try {
            cell.dispatcher.schedule(() -> {
                if (cell.state.isAlive()) {
                    cell.forceAndSchedule(new StateFlushEnvelope());
                }
            }, durable.intervalNanos());
        } catch (RejectedExecutionException e) {
            // The system is closing: the stop saves what is dirty.
            LOG.debug("Lua actor '{}': write-behind save not scheduled, the system is closing", cell.name);
        }
    }

    private static void record(ActorCell cell, StateStoreException e) {
        cell.lastError = new ActorStatistics.ErrorInfo(e.getClass().getSimpleName(), e.getMessage(), Instant.now());
    }
}
