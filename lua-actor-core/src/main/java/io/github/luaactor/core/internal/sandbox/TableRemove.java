package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.ListLength;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.remove(list [, pos])} as in Lua 5.2.4: {@code pos} defaults to {@code #list} ({@code __len}
 * counts), any other position must lie in {@code 1 .. #list + 1} ({@code bad argument #1 to 'remove' (position out
 * of bounds)}), the elements after it move down one place, and the removed value is returned, a nil one included
 * ({@code select('#', table.remove({}))} is 1). LuaJ's version returns nothing out of bounds and shifts up to the
 * first nil instead of up to {@code #list}. The shift is charged to the budget.
 */
final class TableRemove extends VarArgFunction {
    TableRemove() {
        this.name = "remove";
    }

    @Override
    public LuaValue call(LuaValue list) {
        return remove(list.checktable(), NIL);
    }

    @Override
    public LuaValue call(LuaValue list, LuaValue pos) {
        return remove(list.checktable(), pos);
    }

    @Override
    public Varargs invoke(Varargs args) {
        return remove(args.checktable(1), args.arg(2));
    }

    private static LuaValue remove(LuaTable list, LuaValue position) {
        int size = ListLength.of(list);
        int pos = position.isnil() ? size : position.checkint();
        if (pos != size && (pos < 1 || pos > size + 1)) {
            throw new LuaError("bad argument #1 to 'remove' (position out of bounds)");
        }
        MeteredLibraryFunctions.chargeMoves(size - (long) pos);
        LuaValue removed = list.rawget(pos);
        for (; pos < size; pos++) {
            list.rawset(pos, list.rawget(pos + 1));
        }
        list.rawset(pos, NIL);
        return removed;
    }
}
