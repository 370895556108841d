package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One actor's {@code string} global: the shared string library plus the functions this actor added
 * ({@code function string.trim(s) ... end}), which its strings then have as methods ({@code ("x"):trim()}) while
 * no other actor sees them. The shared functions cannot be replaced, so no actor changes what {@code upper} means,
 * even for itself: LuaJ's string metatable is one static table for the whole JVM, and its {@code __index} (the
 * shared library) finds an added name through the actor running on the thread ({@link SharedLibraries}).
 */
final class ActorStringTable extends LuaTable {
    private static final LuaTable META;

    static {
        ReadOnlyTable meta = new ReadOnlyTable("string metatable");
        meta.rawset(LuaValue.INDEX, SharedLibraries.STRING);
        meta.rawset(LuaValue.METATABLE, SharedLibraries.PROTECTED);
        META = meta.seal();
    }

    ActorStringTable() {
        super.setmetatable(META);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (!SharedLibraries.STRING.rawget(key).isnil()) {
            throw new LuaError("attempt to modify read-only table 'string' (shared by all Lua actors): '"
                    + key.tojstring() + "' cannot be replaced; an actor may add functions under new names");
        }
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        throw new LuaError("cannot change a protected metatable");
    }

    /** {@code pairs(string)}: the shared functions, then this actor's own. */
    @Override
    public Varargs next(LuaValue key) {
        boolean ownPhase = !key.isnil() && !(key instanceof LuaString && !SharedLibraries.STRING.rawget(key).isnil());
        if (!ownPhase) {
            Varargs n = SharedLibraries.STRING.next(key);
            if (!n.arg1().isnil()) {
                return n;
            }
        }
        return super.next(ownPhase ? key : NIL);
    }
}
