package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The length the table library of Lua 5.2 works with ({@code luaL_len}): {@code #list}, so a {@code __len}
 * metamethod counts, which LuaJ's own functions ignore by reading the raw length.
 */
public final class ListLength {
    private ListLength() {
    }

    public static int of(LuaTable list) {
        if (list.getmetatable() == null) {
            return list.rawlen();
        }
        LuaValue length = list.len().tonumber();
        if (length.isnil()) {
            throw new LuaError("object length is not a number");
        }
        return (int) (long) length.todouble();
    }
}
