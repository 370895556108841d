package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The metatable of every string, which LuaJ keeps in one static field for the whole JVM, with an {@code __index}
 * that stands for the running actor's own {@code string} table. An actor may change it for its own strings, as a
 * library ({@link LibraryTable}): {@code getmetatable('').__index = t} or {@code getmetatable('').__add = f} apply to
 * the strings that actor's code indexes or adds, and nobody else's.
 * <p>
 * LuaJ finds a string's method ({@code s:upper()}) through {@link #rawget}. While no actor has replaced a shared
 * function that is the shared library, as cheap as a plain table; once one has ({@link #actorReplacedAFunction}),
 * an actor that replaced one gets its own table, so its replacement runs for its strings and nobody else's.
 * Lua code reading {@code getmetatable('').__index} goes through {@link #get} and always gets the actor's own
 * {@code string}, as in Lua, where the two are the same table.
 */
final class StringMetatable extends LibraryTable {
    /**
     * Set once, when the first actor replaces a shared string function; never cleared. Until then the method
     * look-up reads no thread-local. Volatile only for the actor that set it: it may run on another thread next.
     */
    private static volatile boolean replaced;

    StringMetatable(LuaValue sharedLibrary) {
        super("string metatable");
        rawset(INDEX, sharedLibrary);
        seal();
    }

    static void actorReplacedAFunction() {
        replaced = true;
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        LuaValue changed = ownChange(key);
        if (changed != null) {
            return changed;
        }
        if (replaced && key.raweq(INDEX)) {
            ActorStringTable own = ActorStringTable.ofRunningActor();
            if (own != null && own.replacesShared()) {
                return own;
            }
        }
        // The actor's change was looked for above: LibraryTable's rawget would look for it again.
        return sharedRawget(key);
    }

    /**
     * What {@code rawget(getmetatable(''), key)} gives Lua code: {@code __index} is the running actor's own
     * {@code string}, as in Lua, where the two are one table (LuaJ's method look-up reads {@link #rawget}, which
     * keeps the shared library while no actor replaced a function, so that a method call reads no thread-local).
     */
    LuaValue rawgetAsLuaSees(LuaValue key) {
        return key.raweq(INDEX) ? get(key) : rawget(key);
    }

    /** {@code pairs(getmetatable(''))}: {@code __index} as {@link #rawgetAsLuaSees} gives it. */
    @Override
    public Varargs next(LuaValue key) {
        Varargs n = super.next(key);
        return n.arg1().raweq(INDEX) ? varargsOf(INDEX, get(INDEX)) : n;
    }

    @Override
    public LuaValue get(LuaValue key) {
        if (key.raweq(INDEX) && ownChange(key) == null) {
            ActorGlobals g = ActorStringTable.runningActor();
            if (g != null) {
                return g.strings();
            }
        }
        return super.get(key);
    }
}
