package io.github.luaactor.core.internal.sandbox;

import java.util.HashSet;
import java.util.Set;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One actor's {@code string} global: the shared string library seen through this actor's own changes. An actor may
 * add functions ({@code function string.trim(s) ... end}) and replace shared ones ({@code string.upper = f}); its
 * strings then have them as methods ({@code ("x"):trim()}, {@code ("x"):upper()}) while no other actor sees them.
 * Assigning nil to a shared name hides it from this actor, as in Lua 5.2 ({@code string.upper} is then nil and
 * {@code ('a'):upper()} fails); assigning a function shows it again.
 * <p>
 * LuaJ's string metatable is one static table for the whole JVM ({@link StringMetatable}): an added name is found
 * through the shared library's {@code __index} ({@link SharedLibraries}), a replaced one through the metatable's
 * {@code __index}, both by asking which actor runs on the thread.
 */
final class ActorStringTable extends LuaTable {
    private static final LuaTable META = metatable(SharedLibraries.STRING);
    /** The metatable once the actor hid a shared name: its look-up skips the hidden names. */
    private static final LuaTable HIDING_META = metatable(new HiddenNames());

    /** The shared names this actor assigned nil to; null until it does (most never do). */
    private Set<LuaValue> hidden;

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

    private static LuaTable metatable(LuaValue index) {
        ReadOnlyTable meta = new ReadOnlyTable("string metatable");
        meta.rawset(LuaValue.INDEX, index);
        meta.rawset(LuaValue.METATABLE, SharedLibraries.PROTECTED);
        return meta.seal();
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (isShared(key)) {
            if (!replacesShared) {
                // Hiding a name changes what this actor's strings find as well.
                replacesShared = true;
                StringMetatable.actorReplacedAFunction();
            }
            hide(key, value.isnil());
        }
        super.rawset(key, value);
    }

    private void hide(LuaValue key, boolean hide) {
        if (hide && hidden == null) {
            hidden = new HashSet<>();
            super.setmetatable(HIDING_META);
        }
        if (hidden != null) {
            if (hide) {
                hidden.add(key);
            } else {
                hidden.remove(key);
            }
        }
    }

    private boolean hides(LuaValue key) {
        return hidden != null && hidden.contains(key);
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
            while (hides(k)) {
                n = SharedLibraries.STRING.next(k);
                k = n.arg1();
            }
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

    /** {@code __index} of an actor's {@code string} that hides names: the shared library without them. */
    private static final class HiddenNames extends org.luaj.vm2.lib.TwoArgFunction {
        @Override
        public LuaValue call(LuaValue table, LuaValue key) {
            return table instanceof ActorStringTable own && own.hides(key) ? NIL : SharedLibraries.STRING.get(key);
        }
    }
}
