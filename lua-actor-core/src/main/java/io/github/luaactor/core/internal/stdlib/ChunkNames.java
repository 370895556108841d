package io.github.luaactor.core.internal.stdlib;

import java.nio.charset.StandardCharsets;

/**
 * How Lua 5.2 shows a chunk name in messages (luaO_chunkid, LUA_IDSIZE 60): {@code =name} as {@code name},
 * {@code @file} as {@code file} (keeping the end when long), any other source as {@code [string "first line..."]}.
 */
final class ChunkNames {
    private static final int ID_SIZE = 60;
    private static final String PREFIX = "[string \"";
    private static final String SUFFIX = "\"]";
    private static final String ELLIPSIS = "...";

    private ChunkNames() {
    }

    static String display(byte[] source) {
        if (source.length > 0 && source[0] == '=') {
            return text(source, 1, Math.min(source.length - 1, ID_SIZE - 1));
        }
        if (source.length > 0 && source[0] == '@') {
            int length = source.length - 1;
            if (length <= ID_SIZE - 1) {
                return text(source, 1, length);
            }
            int keep = ID_SIZE - 1 - ELLIPSIS.length();
            return ELLIPSIS + text(source, source.length - keep, keep);
        }
        int room = ID_SIZE - (PREFIX.length() + ELLIPSIS.length() + SUFFIX.length()) - 1;
        int newline = indexOf(source, (byte) '\n');
        if (source.length < room && newline < 0) {
            return PREFIX + text(source, 0, source.length) + SUFFIX;
        }
        int length = Math.min(newline < 0 ? source.length : newline, room);
        return PREFIX + text(source, 0, length) + ELLIPSIS + SUFFIX;
    }

    private static String text(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
