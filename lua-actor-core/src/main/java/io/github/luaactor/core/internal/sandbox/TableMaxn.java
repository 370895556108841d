package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.maxn(t)}, deprecated in 5.2 but in its standard build ({@code LUA_COMPAT_MAXN}): the largest positive
 * number among the table's keys, 0 without one, found by a raw traversal of every key (charged per key).
 */
final class TableMaxn extends VarArgFunction {
    TableMaxn() {
        this.name = "maxn";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaTable t = args.checktable(1);
        double max = 0;
        long keys = 0;
        LuaValue k = NIL;
        while (true) {
            Varargs entry = t.next(k);
            if ((k = entry.arg1()).isnil()) {
                break;
            }
            keys++;
            if (k.type() == TNUMBER && k.todouble() > max) {
                max = k.todouble();
            }
        }
        MeteredLibraryFunctions.chargeMoves(keys);
        return valueOf(max);
    }
}
