package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.internal.sandbox.SandboxLimits;
import io.github.luaactor.core.internal.dispatch.TimeSlice;
import io.github.luaactor.core.internal.mailbox.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor's drain loop, run by the baton holder on a virtual thread: resumed handlers first, then a pending restart
 * or a VM to create, then a forced stop, then the mailbox in order (not while a strict actor's handler waits in
 * {@code ctx.send}: {@link StrictMode}). The baton is held on entry and passed on (or
 * released) on every exit. How long one run keeps its carrier is the {@link TimeSlice}'s decision.
 */
final class DrainLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DrainLoop.class);

    private DrainLoop() {
    }

    static void run(ActorCell cell) {
        SandboxLimits.setMaxStringLength(cell.settings.maxStringLength());
        try {
            loop(cell);
        } catch (Throwable t) {
            LOG.error("Lua actor '{}': internal error in its drain loop", cell.name, t);
            cell.dropBaton();
        }
    }

    private static void loop(ActorCell cell) {
        TimeSlice slice = new TimeSlice(cell.dispatcher);
        while (true) {
            Resumption resumption = Suspension.nextResumption(cell);
            if (resumption != null) {
                resumption.grant();
                return;
            }
            if (cell.restartPending && !cell.forceStop) {
                long wait = cell.restartAtNanos - System.nanoTime();
                if (wait > 0) {
                    // Keep the baton through the back-off: nobody else may start a drainer meanwhile.
                    cell.dispatcher.schedule(cell::drain, wait);
                    return;
                }
                cell.restartPending = false;
                VmLifecycle.restartVm(cell);
                continue;
            }
            if (cell.vm == null && !cell.stopFinished) {
                VmLifecycle.createVm(cell);
                continue;
            }
            if (cell.forceStop && !cell.stopFinished) {
                Termination.abandonEverything(cell);
                continue;
            }
            if (StrictMode.blocked(cell)) {
                if (!StrictMode.idleWhileBlocked(cell)) {
                    return;
                }
                continue;
            }
            Envelope envelope = cell.mailbox.poll();
            if (envelope == null) {
                if (cell.stopWhenIdle && !cell.stopFinished && Suspension.noneSuspended(cell)) {
                    Termination.finishStop(cell);
                    continue;
                }
                if (!cell.goIdleUnlessWorkArrived()) {
                    return;
                }
                continue;
            }
            if (ControlEnvelopes.applyIfControl(cell, envelope)) {
                continue;
            }
            if (cell.stopFinished || cell.stopMarkerSeen) {
                Termination.refuseAfterStop(cell, envelope, DeadLetter.Reason.ACTOR_STOPPED);
                continue;
            }
            try {
                TurnRunner.handle(cell, envelope);
            } catch (Suspension.TurnAbandoned abandoned) {
                throw abandoned;
            } catch (Throwable t) {
                // Never leave a caller without an answer, nor the queue behind this message without a drainer.
                LOG.error("Lua actor '{}': internal error while handling a message", cell.name, t);
                if (envelope.reply != null) {
                    envelope.reply.completeExceptionally(new LuaActorException(cell.name,
                            "internal error in Lua actor '" + cell.name + "': " + t, t));
                }
            }
            if (slice.handledOneShouldHandOn()) {
                cell.dispatcher.handOn(cell::drain);
                return;
            }
        }
    }

}
