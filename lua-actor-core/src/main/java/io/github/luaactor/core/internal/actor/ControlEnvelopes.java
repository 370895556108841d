package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.vm.Modules;
import org.luaj.vm2.Prototype;

/**
 * The control envelopes, in one place: a graceful stop's marker ({@link Envelope#STOP}), a hot reload
 * ({@link ReloadEnvelope}), a module reload ({@link ModuleReloadEnvelope}) and a request for a copy of
 * {@code ctx.state} ({@link StateSnapshotEnvelope}). Each is queued like a message, so that
 * what was sent before it still runs as before, and bypasses the mailbox's capacity; each is applied here by the
 * baton holder, or refused here once the actor has stopped.
 */
final class ControlEnvelopes {
    private ControlEnvelopes() {
    }

    /** Queues a graceful stop: new messages are refused from now on, queued ones still run. */
    static void queueStop(ActorCell cell) {
        synchronized (cell) {
            if (cell.state.isAlive()) {
                cell.state = ActorState.STOPPING;
                cell.mailbox.force(Envelope.STOP);
            }
        }
        cell.schedule();
    }

    /** Compiles the new handler now (a syntax error throws and changes nothing) and queues the swap. */
    static CompletableFuture<Void> reload(ActorCell cell, LuaScript script) {
        Prototype compiled = cell.system.compiler().compile(cell.name, script.chunkName(), script.source());
        ReloadEnvelope reload = new ReloadEnvelope(compiled, script.location());
        synchronized (cell) {
            if (!cell.state.isAlive()) {
                throw new ActorStoppedException(cell.name);
            }
            cell.mailbox.force(reload);
        }
        cell.schedule();
        return reload.done;
    }

    /** Queues the removal of a module from the actor's VM; false when the actor no longer runs. */
    static boolean forgetModule(ActorCell cell, String module) {
        synchronized (cell) {
            if (!cell.state.isAlive()) {
                return false;
            }
            cell.mailbox.force(new ModuleReloadEnvelope(module));
        }
        cell.schedule();
        return true;
    }

    /** Queues a request for a copy of {@code ctx.state}; fails at once when the actor no longer runs. */
    static CompletableFuture<LuaMessage> stateSnapshot(ActorCell cell) {
        StateSnapshotEnvelope snapshot = new StateSnapshotEnvelope();
        synchronized (cell) {
            if (!cell.state.isAlive()) {
                snapshot.refuse(cell.name);
                return snapshot.done;
            }
            cell.mailbox.force(snapshot);
        }
        cell.schedule();
        return snapshot.done;
    }

    /**
     * Applies the envelope taken from the mailbox if it is a control envelope (baton holder only); false for a
     * message. Type checks, not a virtual {@code isControl()}: this runs for every message.
     */
    static boolean applyIfControl(ActorCell cell, Envelope envelope) {
        if (envelope.getClass() == Envelope.class && envelope != Envelope.STOP) {
            // A message, nearly every time: one comparison instead of a type test per kind of control envelope.
            return false;
        }
        if (envelope == Envelope.STOP) {
            cell.stopMarkerSeen = true;
            cell.stopWhenIdle = true;
            return true;
        }
        if (envelope instanceof ModuleReloadEnvelope moduleReload) {
            if (cell.vm != null) {
                Modules.forget(cell.vm, moduleReload.module);
            }
            return true;
        }
        if (envelope instanceof StateFlushEnvelope) {
            DurableStates.flush(cell);
            return true;
        }
        if (envelope instanceof ReloadEnvelope reload) {
            if (cell.stopFinished || cell.stopMarkerSeen) {
                reload.done.completeExceptionally(new ActorStoppedException(cell.name));
            } else {
                VmLifecycle.applyReload(cell, reload);
            }
            return true;
        }
        if (envelope instanceof StateSnapshotEnvelope snapshot) {
            // Also after the stop marker: the VM still holds the state until the stop finishes.
            snapshot.answer(cell.name, cell.vm);
            return true;
        }
        return false;
    }

    /**
     * Refuses a control envelope found after the stop: a reload and a snapshot fail, a module reload is moot. False when the
     * envelope is a message.
     */
    static boolean refuse(ActorCell cell, Envelope envelope) {
        if (envelope instanceof ModuleReloadEnvelope || envelope instanceof StateFlushEnvelope
                || envelope == Envelope.STOP) {
            return true;
        }
        if (envelope instanceof ReloadEnvelope reload) {
            reload.done.completeExceptionally(new ActorStoppedException(cell.name));
            return true;
        }
        if (envelope instanceof StateSnapshotEnvelope snapshot) {
            snapshot.refuse(cell.name);
            return true;
        }
        return false;
    }
}
