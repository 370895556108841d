package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaString;

/**
 * {@code %q} of Lua 5.2: the string in double quotes so that Lua reads it back unchanged; {@code "}, {@code \} and
 * newline get a backslash (newline stays a real newline after it), other control characters and NUL become
 * {@code \ddd} (three digits when a digit follows, else the shortest).
 */
final class Quoting {
    private Quoting() {
    }

    static void quote(StringFormat.Output out, LuaString s) {
        out.append((byte) '"');
        int end = s.m_offset + s.m_length;
        for (int i = s.m_offset; i < end; i++) {
            int c = s.m_bytes[i] & 0xff;
            if (c == '"' || c == '\\' || c == '\n') {
                out.append((byte) '\\');
                out.append((byte) c);
            } else if (c < 32 || c == 127) {
                boolean digitFollows = i + 1 < end && s.m_bytes[i + 1] >= '0' && s.m_bytes[i + 1] <= '9';
                out.append("\\" + (digitFollows ? String.format("%03d", c) : Integer.toString(c)));
            } else {
                out.append((byte) c);
            }
        }
        out.append((byte) '"');
    }
}
