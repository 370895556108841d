package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.sandbox.MessageCodec;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.luaj.vm2.LuaError;

/**
 * A request for a copy of {@code ctx.state}, queued like a message: the baton holder answers it between two messages
 * (so the VM is read by one thread only) and after everything sent before it.
 */
final class StateSnapshotEnvelope extends Envelope {
    final CompletableFuture<LuaMessage> done = new CompletableFuture<>();

    StateSnapshotEnvelope() {
        super(LuaMessage.NIL, null, null, System.nanoTime());
    }

    @Override
    public boolean isControl() {
        return true;
    }

    /** Copies the state out of {@code vm} (baton holder only); {@code vm} is null once the actor has stopped. */
    void answer(String actor, ActorVm vm) {
        if (vm == null) {
            refuse(actor);
            return;
        }
        try {
            done.complete(MessageCodec.fromLua(vm.state()));
        } catch (LuaError e) {
            done.completeExceptionally(new LuaActorException(actor,
                    "Lua actor '" + actor + "': ctx.state cannot be copied out: " + e.getMessage(), e));
        }
    }

    void refuse(String actor) {
        done.completeExceptionally(new ActorStoppedException(actor));
    }
}
