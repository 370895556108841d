package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * {@code string.upper} and {@code string.lower} as C Lua does them in the C locale: byte by byte, ASCII letters
 * only. LuaJ decodes the bytes as text, changes case with Java's rules and encodes again, which mangles UTF-8
 * ({@code ('é😀'):upper()}) and binary strings.
 */
public final class AsciiCase extends OneArgFunction {
    private final boolean upper;

    private AsciiCase(boolean upper) {
        this.upper = upper;
        this.name = upper ? "upper" : "lower";
    }

    public static LuaValue upper() {
        return new AsciiCase(true);
    }

    public static LuaValue lower() {
        return new AsciiCase(false);
    }

    @Override
    public LuaValue call(LuaValue arg) {
        LuaString s = arg.checkstring();
        byte[] out = new byte[s.m_length];
        byte from = (byte) (upper ? 'a' : 'A');
        byte to = (byte) (upper ? 'z' : 'Z');
        for (int i = 0; i < out.length; i++) {
            byte b = s.m_bytes[s.m_offset + i];
            out[i] = b >= from && b <= to ? (byte) (b ^ 0x20) : b;
        }
        return LuaString.valueUsing(out);
    }
}
