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

    /** The table's {@code __len}, or nil; Lua 5.2 calls it with the table twice. */
    public static LuaValue metamethod(LuaTable t) {
        LuaValue metatable = t.getmetatable();
        return metatable == null ? LuaValue.NIL : metatable.rawget(LuaValue.LEN);
    }

    public static int of(LuaTable list) {
        LuaValue handler = metamethod(list);
        if (handler.isnil()) {
            return list.rawlen();
        }
        // as lua_tointegerx reads it: a numeral string counts (LuaJ's own parser threw for "0x"), a NaN is 0
        LuaValue length = handler.call(list, list);
        double n = Conversions.numeral(length);
        if (Double.isNaN(n) && length.type() != LuaValue.TNUMBER) {
            throw new LuaError("object length is not a number");
        }
        return Conversions.cInt(n);
    }
}
