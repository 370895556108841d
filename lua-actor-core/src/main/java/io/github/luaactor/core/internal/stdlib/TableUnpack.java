package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.unpack(list [, i [, j]])} as in Lua 5.2: a nil {@code i} or {@code j} means the default (1 and
 * {@code #list}, {@code __len} counted), which LuaJ refuses; elements are read raw.
 */
public final class TableUnpack extends VarArgFunction {
    /** Lua's own stack limit (LUAI_MAXSTACK); more results would not fit in a C Lua either. */
    private static final long MAX_RESULTS = 1_000_000;

    public TableUnpack() {
        this.name = "unpack";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaTable list = args.checktable(1);
        long i = args.isnoneornil(2) ? 1 : args.checklong(2);
        long j = args.isnoneornil(3) ? ListLength.of(list) : args.checklong(3);
        if (i > j) {
            return NONE;
        }
        if (j - i >= MAX_RESULTS) {
            throw new LuaError("too many results to unpack");
        }
        LuaValue[] values = new LuaValue[(int) (j - i + 1)];
        for (int k = 0; k < values.length; k++) {
            long index = i + k;
            values[k] = index == (int) index ? list.rawget((int) index) : list.rawget(valueOf((double) index));
        }
        return varargsOf(values);
    }
}
