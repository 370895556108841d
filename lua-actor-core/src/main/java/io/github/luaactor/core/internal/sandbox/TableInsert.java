package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.ListLength;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.insert(list, [pos,] value)} as in Lua 5.2.4: two or three arguments ({@code wrong number of arguments
 * to 'insert'}), with three a number as the position, which must lie in {@code 1 .. #list + 1} ({@code bad argument
 * #2 to 'insert' (position out of bounds)}; LuaJ stores it anywhere), and {@code #list} counts a {@code __len}
 * metamethod. Raised in the words of a plain call; {@link CheckedArguments} around it renumbers them for a method
 * call. The shift is charged to the budget.
 */
final class TableInsert extends VarArgFunction {
    TableInsert() {
        this.name = "insert";
    }

    @Override
    public LuaValue call(LuaValue list, LuaValue value) {
        LuaTable table = list.checktable();
        table.rawset(ListLength.of(table) + 1, value);
        return NONE;
    }

    @Override
    public Varargs invoke(Varargs args) {
        int narg = args.narg();
        if (narg != 2 && narg != 3) {
            throw new LuaError("wrong number of arguments to 'insert'");
        }
        if (narg == 2) {
            return call(args.arg1(), args.arg(2));
        }
        LuaValue position = args.arg(2);
        if (!ArgumentSignature.isNumber(position)) {
            throw new LuaError("bad argument #2 to 'insert' (number expected, got " + position.typename() + ")");
        }
        LuaTable list = args.checktable(1);
        int end = ListLength.of(list) + 1;
        int pos = position.checkint();
        if (pos < 1 || pos > end) {
            throw new LuaError("bad argument #2 to 'insert' (position out of bounds)");
        }
        MeteredLibraryFunctions.chargeMoves(end - (long) pos);
        for (int i = end; i > pos; i--) {
            list.rawset(i, list.rawget(i - 1));
        }
        list.rawset(pos, args.arg(3));
        return NONE;
    }
}
