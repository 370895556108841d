package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.insert(list, [pos,] value)} with Lua 5.2's checks of its arity, which a signature cannot say: two or
 * three arguments ({@code wrong number of arguments to 'insert'}), and with three a number as the position. Raised
 * in the words of a plain call; {@link CheckedArguments} around it renumbers them for a method call.
 */
final class TableInsert extends VarArgFunction {
    private final LuaValue delegate;

    TableInsert(LuaValue delegate) {
        this.delegate = delegate;
    }

    @Override
    public String tojstring() {
        return delegate.tojstring();
    }

    @Override
    public Varargs invoke(Varargs args) {
        int narg = args.narg();
        if (narg != 2 && narg != 3) {
            throw new LuaError("wrong number of arguments to 'insert'");
        }
        LuaValue position = args.arg(2);
        if (narg == 3 && !ArgumentSignature.isNumber(position)) {
            throw new LuaError("bad argument #2 to 'insert' (number expected, got " + position.typename() + ")");
        }
        return delegate.invoke(args);
    }
}
