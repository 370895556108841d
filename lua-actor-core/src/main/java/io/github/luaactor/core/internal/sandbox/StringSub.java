package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.sub(s, i [, j])} as 5.2.4's {@code str_sub}, positions as 64-bit integers: LuaJ cut them to 32
 * bits, so {@code ('hello'):sub(2^32 + 2)} gave {@code ello} where Lua gives the empty string.
 */
final class StringSub extends VarArgFunction {
    StringSub() {
        this.name = "sub";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaString s = args.checkstring(1);
        long len = s.m_length;
        long start = Math.max(1, position(args.checklong(2), len));
        long end = Math.min(len, position(args.optlong(3, -1), len));
        return start <= end ? s.substring((int) start - 1, (int) end) : EMPTYSTRING;
    }

    /** 5.2's {@code posrelat}: a negative position counts from the end, 0 when before the start. */
    static long position(long p, long len) {
        return p >= 0 ? p : -p > len ? 0 : len + p + 1;
    }
}
