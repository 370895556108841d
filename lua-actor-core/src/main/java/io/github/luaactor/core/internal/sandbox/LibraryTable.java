package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A standard library table shared by every actor VM ({@code table}, {@code math}, {@code bit32}, {@code os}) that
 * each actor may change for itself, as Lua lets a script change its libraries: {@code table.insert = f} or
 * {@code function math.clamp(x) ... end} is seen by that actor alone, and assigning nil hides a name from it. The
 * changes live with the actor ({@link ActorGlobals#libraryChanges}); this table looks them up through the actor
 * running on the thread, and only once some actor has changed a library, so reading a library function costs one
 * volatile read until then. Outside an actor's handler (a customizer's Java code) the table stays read-only.
 * The string metatable is one too ({@link StringMetatable}).
 */
class LibraryTable extends ReadOnlyTable {
    /** What an actor's changes hold for a name it assigned nil: hidden for that actor, never handed to Lua code. */
    private static final LuaValue REMOVED = LuaValue.userdataOf(new Object());

    /** Set when the first actor changes a library, never cleared: until then no look-up asks which actor runs. */
    private static volatile boolean changed;

    LibraryTable(String name) {
        super(name);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (!isSealed()) {
            super.rawset(key, value);
            return;
        }
        LuaTable own = changes(true);
        own.rawset(key, value.isnil() && !super.rawget(key).isnil() ? REMOVED : value);
        changed = true;
    }

    @Override
    public void rawset(int key, LuaValue value) {
        rawset(LuaValue.valueOf(key), value);
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        LuaValue own = ownChange(key);
        return own != null ? own : super.rawget(key);
    }

    /** The shared value of {@code key}, whatever the running actor changed. */
    protected final LuaValue sharedRawget(LuaValue key) {
        return super.rawget(key);
    }

    /** What the running actor set {@code key} to (NIL when it removed it), or null when it did not change it. */
    protected final LuaValue ownChange(LuaValue key) {
        if (changed) {
            LuaTable own = changes(false);
            if (own != null) {
                LuaValue v = own.rawget(key);
                if (!v.isnil()) {
                    return v == REMOVED ? NIL : v;
                }
            }
        }
        return null;
    }

    @Override
    public LuaValue rawget(int key) {
        return changed ? rawget(LuaValue.valueOf(key)) : super.rawget(key);
    }

    /**
     * {@code pairs(table)}: the shared names (the actor's value in place of one it replaced, none it removed), then
     * the names it added. A shared name as the key means the walk is still in the shared part.
     */
    @Override
    public Varargs next(LuaValue key) {
        LuaTable own = changed ? changes(false) : null;
        if (own == null) {
            return super.next(key);
        }
        if (key.isnil() || !super.rawget(key).isnil()) {
            Varargs n = super.next(key);
            while (!n.arg1().isnil()) {
                LuaValue mine = own.rawget(n.arg1());
                if (mine.isnil()) {
                    return n;
                }
                if (mine != REMOVED) {
                    return varargsOf(n.arg1(), mine);
                }
                n = super.next(n.arg1());
            }
            key = NIL;
        }
        Varargs n = own.next(key);
        while (!n.arg1().isnil() && !super.rawget(n.arg1()).isnil()) {
            n = own.next(n.arg1());
        }
        return n;
    }

    /** The running actor's changes to this library (made now if {@code create}), or null. */
    private LuaTable changes(boolean create) {
        ActorGlobals actor = ActorStringTable.runningActor();
        if (actor == null) {
            if (create) {
                throw refuse();
            }
            return null;
        }
        return actor.libraryChanges(this, create);
    }
}
