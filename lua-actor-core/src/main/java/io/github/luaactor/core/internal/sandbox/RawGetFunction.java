package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code rawget(t, k)}: LuaJ's (with {@code -0} as the key 0), except for the string metatable, whose
 * {@code __index} Lua code sees as the running actor's own {@code string} ({@link StringMetatable#rawgetAsLuaSees}).
 */
final class RawGetFunction extends TwoArgFunction {
    RawGetFunction() {
        this.name = "rawget";
    }

    @Override
    public LuaValue call(LuaValue table, LuaValue key) {
        if (table instanceof StringMetatable metatable) {
            return metatable.rawgetAsLuaSees(key);
        }
        return table.checktable().rawget(NegativeZero.key(key));
    }
}
