package io.github.luaactor.core.internal.actor;

import java.time.Duration;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.ReplyTimeoutException;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.sandbox.LuaErrors;
import io.github.luaactor.core.internal.sandbox.MessageCodec;
import io.github.luaactor.core.internal.vm.ActorVm;
import io.github.luaactor.core.state.StateStoreException;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;

/**
 * Runs one turn of an actor (a message's handler or a hook) and settles its outcome: the reply, the counters and the
 * monitor's timers, the durable state saved or rolled back, supervision of a failure, a stop the turn asked for.
 * Baton holder only. Static operations on the cell's fields, like the cell's other concerns.
 */
final class TurnRunner {
    private TurnRunner() {
    }

    /** Runs {@code on_started}, {@code on_stopped} or {@code on_reload}; a failure goes to supervision. */
    static void runHook(ActorCell cell, LuaFunction hook, String hookName) {
        Turn turn = new Turn(null, cell.vm, LuaValue.NIL, hookName);
        LuaActorException failure = runTurn(cell, turn, hook);
        if (cell.durable != null && cell.durable.isLoaded() && !turn.abandoned) {
            if (failure != null) {
                DurableStates.rollBack(cell);
            } else {
                // No sender to tell: a failed save after a hook is logged (ctx.state is back to the saved one).
                StateStoreException saveFailure = DurableStates.afterSuccess(cell);
                if (saveFailure != null) {
                    cell.recordFailure(saveFailure);
                    FailureLog.warn(cell, "saving the state left by " + hookName, saveFailure);
                }
            }
        }
        if (failure != null) {
            cell.recordFailure(failure);
            cell.failedAtStart = "on_started".equals(hookName) && cell.succeeded == 0 && cell.failed == 0;
            FailureLog.warn(cell, hookName, failure);
            if (!"on_stopped".equals(hookName)) {
                Supervision.supervise(cell, failure);
            }
        }
        afterTurn(cell, turn);
    }

    static void handle(ActorCell cell, Envelope envelope) {
        handle(cell, envelope, 0L, null);
    }

    /**
     * {@code callerDeadlineNanos}: when not 0, the handler runs on the thread of a caller whose {@code timeout} ends
     * then: a {@code ctx.send} of the handler waits no later, and the handler itself is stopped there.
     */
    static void handle(ActorCell cell, Envelope envelope, long callerDeadlineNanos, Duration callerTimeout) {
        handle(cell, envelope, callerDeadlineNanos, callerTimeout, false);
    }

    /** {@code onSenderThread}: the handler runs on the thread of an asynchronous {@code send} (see {@link Turn}). */
    static void handle(ActorCell cell, Envelope envelope, long callerDeadlineNanos, Duration callerTimeout,
            boolean onSenderThread) {
        if (cell.durable != null && !cell.durable.isLoaded() && !DurableStates.loadLate(cell, envelope)) {
            return;
        }
        LuaValue message;
        try {
            message = MessageCodec.toLua(envelope.message);
        } catch (Throwable t) {
            // Inside the turn's error handling: a message the VM cannot take must not end the drain loop unanswered.
            refuseUndeliverable(cell, envelope, t);
            return;
        }
        Turn turn = new Turn(envelope, cell.vm, message, "handle");
        turn.callerDeadlineNanos = callerDeadlineNanos;
        turn.onSenderThread = onSenderThread;
        // Only messages stamped when sent are timed (see ActorCell.enqueueTimeIfTimed).
        long startNanos = envelope.enqueuedNanos != 0 ? System.nanoTime() : 0;
        LuaActorException failure = runTurn(cell, turn, cell.vm.handle);
        if (turn.abandoned) {
            return;
        }
        if (cell.durable != null) {
            // Before the reply: a sender told of success knows the state is saved (after-each-message).
            failure = failure == null ? DurableStates.afterSuccess(cell) : failure;
            if (failure != null && !(failure instanceof StateStoreException)) {
                DurableStates.rollBack(cell);
            }
        }
        if (startNanos != 0) {
            // Before the reply: a sender that has its answer also sees the message in the timers.
            long end = System.nanoTime();
            try {
                cell.probe.handled(startNanos - envelope.enqueuedNanos, end - startNanos - turn.suspendedNanos,
                        failure == null);
            } catch (Throwable t) {
                HostCallbacks.failed(cell.name, "monitor probe", t);
            }
        }
        if (failure == null) {
            cell.countSucceeded();
            if (envelope.reply != null) {
                envelope.reply.complete(turn.result);
            }
        } else if (CallerDeadline.stopped(turn, failure)) {
            // Not the script's failure but the caller's patience: no supervision (a caller with short timeouts
            // must not be able to restart or fail the actor), the handler simply did not finish.
            cell.countFailed();
            ReplyTimeoutException timeout = new ReplyTimeoutException(cell.name, callerTimeout);
            cell.recordFailure(timeout);
            envelope.reply.completeExceptionally(timeout);
        } else {
            cell.countFailed();
            cell.recordFailure(failure);
            cell.failedAtStart = false;
            if (envelope.reply == null) {
                FailureLog.warn(cell, "a fire-and-forget message", failure);
            } else {
                envelope.reply.completeExceptionally(failure);
            }
            Supervision.supervise(cell, failure);
        }
        afterTurn(cell, turn);
    }

    /** A message that cannot become a Lua value: a failed handler, a dead letter and an exception to the caller. */
    private static void refuseUndeliverable(ActorCell cell, Envelope envelope, Throwable cause) {
        String reason = cause instanceof StackOverflowError ? "nested too deeply to convert" : cause.getMessage();
        LuaActorException failure = new LuaActorException(cell.name,
                "Lua actor '" + cell.name + "' cannot take the message: " + reason, cause);
        cell.countFailed();
        cell.recordFailure(failure);
        cell.deadLetter(DeadLetter.Reason.UNDELIVERABLE, envelope.message, envelope.sender);
        if (envelope.reply != null) {
            envelope.reply.completeExceptionally(failure);
        } else {
            FailureLog.warn(cell, "taking a fire-and-forget message", failure);
        }
    }

    /** Runs one turn, leaving the reply (if one is wanted) in {@code turn.result}. Returns the failure, or null. */
    private static LuaActorException runTurn(ActorCell cell, Turn turn, LuaFunction fn) {
        ActorVm turnVm = turn.vm;
        cell.current = turn;
        turnVm.hook.begin(cell.settings.instructionLimit(), CallerDeadline.budget(turn, cell.handlerTimeoutNanos));
        turnVm.hook.limitMemory(cell.settings.memoryLimit());
        turnVm.hook.holdsOutside(Timers.heldBytes(cell) + QueuedMessages.heldBytes(cell));
        try {
            LuaValue result = turnVm.run(fn, turn.luaMessage);
            turnVm.hook.checkMemoryAtEnd();
            if (turn.envelope != null && turn.envelope.reply != null) {
                turn.result = MessageCodec.fromLua(result);
            }
            return null;
        } catch (Suspension.TurnAbandoned abandoned) {
            return null;
        } catch (Throwable t) {
            if (turn.abandoned) {
                return null;
            }
            return LuaErrors.convert(cell.name, chunkOf(cell, turn), t, turnVm.hook);
        } finally {
            // ctx.msg stays until the next turn replaces it or the actor goes idle (goIdleUnlessWorkArrived).
            cell.current = null;
        }
    }

    private static String chunkOf(ActorCell cell, Turn turn) {
        return switch (turn.hook) {
            case "on_started" -> cell.spec.started().chunkName();
            case "on_stopped" -> cell.spec.stopped().chunkName();
            case "on_reload" -> cell.spec.reload().chunkName();
            default -> cell.spec.handle().chunkName();
        };
    }

    private static void afterTurn(ActorCell cell, Turn turn) {
        if (turn.terminateRequested && cell.state.isAlive()) {
            cell.terminatedByScript = true;
            Termination.beginStopNow(cell, ActorState.STOPPING);
        }
        if (cell.stopWhenIdle && !cell.stopFinished && Suspension.noneSuspended(cell) && cell.mailbox.isEmpty()) {
            Termination.finishStop(cell);
        }
    }
}
