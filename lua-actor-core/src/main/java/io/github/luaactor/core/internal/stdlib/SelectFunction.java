package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code select(n, ...)} as in Lua 5.2 (manual 6.1): the count for {@code '#'}, the arguments from {@code n} on, a
 * negative {@code n} counting from the end; out-of-range and non-numeric indices raise Lua's own messages
 * ({@code bad argument #1 to 'select' (index out of range)}) where LuaJ's omit the function's name.
 */
public final class SelectFunction extends VarArgFunction {
    public SelectFunction() {
        this.name = "select";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue selector = args.arg1();
        int count = args.narg() - 1;
        // 5.2.4 reads only the first byte of a string: select('#n', ...) counts too
        if (selector instanceof LuaString s && s.m_length > 0 && s.luaByte(0) == '#') {
            return valueOf(count);
        }
        double n = Conversions.numeral(selector);
        if (Double.isNaN(n)) {
            throw new LuaError("bad argument #1 to 'select' (number expected, got "
                    + (args.narg() == 0 ? "no value" : selector.typename()) + ")");
        }
        long index = (long) n; // Lua 5.2 truncates a non-integral index (lua_Integer conversion)
        if (index < 0) {
            index += count;
            if (index < 0) {
                throw new LuaError("bad argument #1 to 'select' (index out of range)");
            }
            return args.subargs((int) index + 2);
        }
        if (index == 0) {
            throw new LuaError("bad argument #1 to 'select' (index out of range)");
        }
        return index > count ? NONE : args.subargs((int) index + 1);
    }
}
