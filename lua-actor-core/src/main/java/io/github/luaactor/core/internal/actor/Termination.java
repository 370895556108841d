package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.internal.mailbox.Envelope;

/**
 * The three ways an actor stops: gracefully ({@link #stop}: what is queued still runs), at once ({@link #beginStopNow}
 * for {@code ctx.terminate} and supervision: what is queued becomes dead letters) and forced at a shutdown's deadline
 * ({@link #forceStop}: suspended handlers are abandoned too). Each ends in {@link #finishStop}, which runs
 * {@code on_stopped} and completes the actor's termination future. Baton holder only, except the two entry points.
 */
final class Termination {
    private Termination() {
    }

    static CompletableFuture<Void> stop(ActorCell cell) {
        ControlEnvelopes.queueStop(cell);
        return cell.terminated;
    }

    /**
     * After the shutdown timeout: abandon suspended handlers and queued messages, then stop. {@code on_stopped} still
     * runs (the VM is free once no handler runs), and its own {@code ctx.send} calls wait no later than
     * {@code deadlineNanos}, so the shutdown's deadline also bounds the hook.
     */
    static void forceStop(ActorCell cell, long deadlineNanos) {
        stop(cell);
        cell.forceDeadlineNanos = deadlineNanos;
        cell.forceStop = true;
        cell.schedule();
    }

    /** Stops without handling what is queued (terminate, or supervision): queued messages become dead letters. */
    static void beginStopNow(ActorCell cell, ActorState next) {
        synchronized (cell) {
            cell.state = next;
        }
        cell.stopMarkerSeen = true;
        cell.stopWhenIdle = true;
        refuseQueued(cell, DeadLetter.Reason.ACTOR_STOPPED);
    }

    static void abandonEverything(ActorCell cell) {
        for (Turn turn : Suspension.turns(cell)) {
            turn.abandoned = true;
            if (turn.envelope != null) {
                // The message was accepted but never answered: it is a dead letter like the queued ones.
                cell.deadLetter(DeadLetter.Reason.SHUTDOWN_TIMEOUT, turn.envelope.message, turn.envelope.sender);
                if (turn.envelope.reply != null) {
                    turn.envelope.reply.completeExceptionally(
                            new ActorStoppedException(cell.name, "stopped while waiting for a reply in ctx.send"));
                }
            }
        }
        Suspension.turns(cell).clear();
        cell.stopMarkerSeen = true;
        refuseQueued(cell, DeadLetter.Reason.SHUTDOWN_TIMEOUT);
        finishStop(cell);
    }

    static void finishStop(ActorCell cell) {
        if (cell.stopFinished) {
            return;
        }
        cell.stopFinished = true;
        synchronized (cell) {
            cell.state = ActorState.STOPPING;
        }
        // Also after a forced stop: the baton holder runs no other handler, so the VM is free, and the hook's
        // instruction and time budget bound it like any handler.
        if (cell.vm != null && cell.vm.stopped != null) {
            TurnRunner.runHook(cell, cell.vm.stopped, "on_stopped");
        }
        if (cell.durable != null) {
            // What write-behind has not saved yet; a no-op after each message.
            DurableStates.flush(cell);
        }
        synchronized (cell) {
            cell.state = cell.finalFailure ? ActorState.FAILED : ActorState.STOPPED;
        }
        refuseQueued(cell, DeadLetter.Reason.ACTOR_STOPPED);
        Timers.cancelAll(cell);
        if (cell.vm != null) {
            // Suspended coroutines hold a virtual thread each until released; nothing will resume them now.
            cell.vm.hook.releaseCoroutines();
        }
        cell.system.directory().unregister(cell);
        cell.system.modules().actorStopped(cell);
        cell.vm = null;
        try {
            cell.system.monitor().actorStopped(cell.ref, reason(cell));
        } catch (Throwable t) {
            HostCallbacks.failed(cell.name, "monitor", t);
        } finally {
            // Counted here rather than by a callback on the future: a callback is 40 bytes per idle actor.
            cell.system.liveActors().decrementAndGet();
            cell.terminated.complete(null);
        }
    }

    /** Why the actor stopped, for the monitor: a final failure, else the script's terminate, else on purpose. */
    static LuaActorMonitor.StopReason reason(ActorCell cell) {
        if (cell.finalFailure) {
            return cell.failedAtStart ? LuaActorMonitor.StopReason.START_FAILED : LuaActorMonitor.StopReason.FAILED;
        }
        return cell.terminatedByScript ? LuaActorMonitor.StopReason.TERMINATED : LuaActorMonitor.StopReason.STOPPED;
    }

    private static void refuseQueued(ActorCell cell, DeadLetter.Reason reason) {
        Envelope envelope;
        while ((envelope = cell.mailbox.poll()) != null) {
            if (envelope != Envelope.STOP) {
                refuseAfterStop(cell, envelope, reason);
            }
        }
    }

    /** A message or control envelope that arrived too late: a dead letter, a failed reply, a failed reload. */
    static void refuseAfterStop(ActorCell cell, Envelope envelope, DeadLetter.Reason reason) {
        if (ControlEnvelopes.refuse(cell, envelope)) {
            return;
        }
        cell.deadLetter(reason, envelope.message, envelope.sender);
        if (envelope.reply != null) {
            envelope.reply.completeExceptionally(new ActorStoppedException(cell.name));
        }
    }
}
