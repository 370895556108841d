package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;

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
        // as lua_tointegerx reads it: a numeral string counts (LuaJ's own parser threw for "0x")
        double length = Conversions.numeral(list.len());
        if (Double.isNaN(length)) {
            throw new LuaError("object length is not a number");
        }
        return (int) (long) length;
    }
}
