package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.naming.InvalidKeys;
import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code rawset(t, k, v)}: LuaJ's, with {@code -0} as the key 0, as in Lua (LuaJ would hash it apart from 0), and
 * a nil or NaN key refused as Lua refuses it.
 */
final class RawSetFunction extends VarArgFunction {
    private final LuaValue delegate;

    RawSetFunction(LuaValue delegate) {
        this.delegate = delegate;
        this.name = "rawset";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue key = args.arg(2);
        // luaH_newkey's checks, which LuaJ's rawset lacks (it stored a NaN key); raised in C: no position
        String refused = InvalidKeys.message(key);
        if (refused != null) {
            throw new RaisedError(valueOf(refused));
        }
        LuaValue normal = NegativeZero.key(key);
        return normal == key ? delegate.invoke(args)
                : delegate.invoke(varargsOf(args.arg1(), normal, args.subargs(3)));
    }
}
