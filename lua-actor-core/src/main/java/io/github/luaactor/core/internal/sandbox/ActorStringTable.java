package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One actor's {@code string} global: the shared string library seen through this actor's own changes. An actor may
 * add functions ({@code function string.trim(s) ... end}) and replace shared ones ({@code string.upper = f}); its
 * strings then have them as methods ({@code ("x"):trim()}, {@code ("x"):upper()}) while no other actor sees them.
 * Assigning nil to a shared name removes this actor's replacement, so the shared function shows again.
 * <p>
 * LuaJ's string metatable is one static table for the whole JVM ({@link StringMetatable}): an added name is found
 * through the shared library's {@code __index} ({@link SharedLibraries}), a replaced one through the metatable's
 * {@code __index}, both by asking which actor runs on the thread.
 */
final class ActorStringTable extends LuaTable {
    private static final LuaTable META;

    static {
        ReadOnlyTable meta = new ReadOnlyTable("string metatable");
        meta.rawset(LuaValue.INDEX, SharedLibraries.STRING);
        meta.rawset(LuaValue.METATABLE, SharedLibraries.PROTECTED);
        META = meta.seal();
    }

    /** Whether this actor has replaced a shared function (and may still have: removing one does not clear it). */
    private boolean replacesShared;

    ActorStringTable() {
        super.setmetatable(META);
    }

    /** The globals of the actor whose handler runs on this thread, or null outside a handler. */
    static ActorGlobals runningActor() {
        BudgetHook hook = BudgetHook.boundToCurrentThread();
        return hook != null && hook.vm() instanceof ActorGlobals g ? g : null;
    }

    /** The {@code string} table of the actor running on this thread, or null if none or it has not used one. */
    static ActorStringTable ofRunningActor() {
        ActorGlobals g = runningActor();
        return g != null ? g.stringsIfUsed() : null;
    }

    boolean replacesShared() {
        return replacesShared;
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (isShared(key) && !value.isnil() && !replacesShared) {
            replacesShared = true;
            StringMetatable.actorReplacedAFunction();
        }
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        throw new LuaError("cannot change a protected metatable");
    }

    /**
     * {@code pairs(string)}: the shared functions (this actor's replacement in place of a replaced one), then the
     * names this actor added. A shared name as the key means the walk is still in the shared part.
     */
    @Override
    public Varargs next(LuaValue key) {
        if (key.isnil() || isShared(key)) {
            Varargs n = SharedLibraries.STRING.next(key);
            LuaValue k = n.arg1();
            if (!k.isnil()) {
                LuaValue own = super.rawget(k);
                return own.isnil() ? n : varargsOf(k, own);
            }
            key = NIL;
        }
        Varargs n = super.next(key);
        while (isShared(n.arg1())) {
            n = super.next(n.arg1());
        }
        return n;
    }

    private static boolean isShared(LuaValue key) {
        return key instanceof LuaString && !SharedLibraries.STRING.rawget(key).isnil();
    }
}
