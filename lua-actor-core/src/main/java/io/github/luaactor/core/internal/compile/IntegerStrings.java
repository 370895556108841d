package io.github.luaactor.core.internal.compile;

import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * The text of the integers 0 to 1023, made once for {@code ..} in compiled code. LuaJ turns a number into a Java
 * string, then into a Lua string (encoded and hashed) at every {@code 'k' .. i}; building keys and lines from small
 * counters is common in handlers and that was a third of a query-string handler's time. The texts are those LuaJ
 * makes ({@code Integer.toString}); Lua strings are immutable, so all actors share them.
 */
final class IntegerStrings {
    private static final int CACHED = 1024;
    private static final LuaString[] TEXT = new LuaString[CACHED];

    static {
        for (int i = 0; i < CACHED; i++) {
            TEXT[i] = LuaString.valueOf(Integer.toString(i));
        }
    }

    private IntegerStrings() {
    }

    /** A Lua string, or an integer whose text is cached. */
    static boolean isSmall(LuaValue value) {
        if (value instanceof LuaString) {
            return true;
        }
        if (value instanceof LuaInteger) {
            int i = value.toint();
            return i >= 0 && i < CACHED;
        }
        return false;
    }

    /** The cached text of a small integer; a string as it is. Only for values {@link #isSmall} accepted. */
    static LuaValue text(LuaValue value) {
        return value instanceof LuaInteger ? TEXT[value.toint()] : value;
    }

    /** The cached text of a small integer, which {@link #isSmall} accepted. */
    static LuaString text(LuaInteger value) {
        return TEXT[value.toint()];
    }
}
