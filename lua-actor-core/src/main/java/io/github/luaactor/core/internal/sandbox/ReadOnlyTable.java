package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A table that Lua code can read but never change: library tables and the string metatable are shared by every
 * actor VM in the JVM, so one actor must not be able to alter them for the others. Not final: the string
 * metatable ({@link StringMetatable}) is one that answers {@code __index} per actor.
 */
public class ReadOnlyTable extends LuaTable {
    private final String name;
    private boolean sealed;

    public ReadOnlyTable(String name) {
        this.name = name;
    }

    /** Fills the table, then seals it; it is immutable from then on. */
    public ReadOnlyTable seal() {
        sealed = true;
        return this;
    }

    /** Whether the table is filled: Lua code may no longer change it (for itself, in a {@link LibraryTable}). */
    protected boolean isSealed() {
        return sealed;
    }

    protected LuaError refuse() {
        return new LuaError("attempt to modify read-only table '" + name + "' (shared by all Lua actors)");
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (sealed) {
            throw refuse();
        }
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (sealed) {
            throw refuse();
        }
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        if (sealed) {
            throw refuse();
        }
        return super.setmetatable(metatable);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        throw refuse();
    }

    @Override
    public LuaValue remove(int pos) {
        throw refuse();
    }

    @Override
    public void sort(LuaValue comparator) {
        throw refuse();
    }
}
