package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.sandbox.MessageCodec;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ctx.state} through a {@link io.github.luaactor.core.LuaStatePersistence}: restored into a new VM, committed
 * after each handled message and before its reply. Only cells with a persistence get here. Baton holder only.
 */
final class StateCommits {
    private static final Logger LOG = LoggerFactory.getLogger(StateCommits.class);

    private StateCommits() {
    }

    /** Nothing committed yet gives the empty table every new VM starts with, as without persistence. */
    static void restore(ActorCell cell, ActorVm vm) {
        LuaMessage state = cell.persistence.restore(cell.name);
        vm.state(state == null || state instanceof LuaMessage.Nil ? new LuaTable() : MessageCodec.toLua(state));
    }

    /** Null when committed; otherwise the failure for the message, with the last committed state put back. */
    static LuaActorException commit(ActorCell cell, ActorVm vm) {
        LuaMessage state;
        try {
            state = MessageCodec.fromLua(vm.state());
        } catch (LuaError e) {
            return rollBack(cell, vm, new LuaActorException(cell.name, "Lua actor '" + cell.name
                    + "': ctx.state cannot be committed (" + e.getMessage() + "); only strings, numbers, booleans and"
                    + " tables of them can be kept"));
        }
        try {
            cell.persistence.commit(cell.name, state);
            return null;
        } catch (LuaActorException e) {
            return rollBack(cell, vm, e);
        } catch (RuntimeException e) {
            return rollBack(cell, vm, new LuaActorException(cell.name, "Lua actor '" + cell.name
                    + "': committing ctx.state failed: " + e, e));
        }
    }

    private static LuaActorException rollBack(ActorCell cell, ActorVm vm, LuaActorException failure) {
        try {
            restore(cell, vm);
        } catch (RuntimeException e) {
            LOG.warn("Lua actor '{}': could not restore the last committed state after a failed commit", cell.name, e);
        }
        return failure;
    }
}
