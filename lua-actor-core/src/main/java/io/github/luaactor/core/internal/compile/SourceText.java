package io.github.luaactor.core.internal.compile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.github.luaactor.core.internal.sandbox.Utf8;

/**
 * Lua source files are bytes, {@code LuaScript} holds a {@code String}. A file in UTF-8 is its text; any byte that is
 * not part of a UTF-8 sequence (a Latin-1 {@code "\xE9"} in a string literal) is kept as the lone surrogate
 * U+DC80..U+DCFF (as Python's {@code surrogateescape} does), which no decoded UTF-8 text contains, and turned back
 * into that byte when the source is compiled. So a script keeps every byte whatever its encoding.
 */
public final class SourceText {
    private static final char ESCAPE_BASE = 0xdc00;

    private SourceText() {
    }

    /** The text of source bytes: UTF-8, each other byte escaped. */
    public static String decode(byte[] bytes) {
        if (Utf8.isValid(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int n = Utf8.sequenceLength(bytes, i, bytes.length);
            if (n == 0) {
                text.append((char) (ESCAPE_BASE | (bytes[i] & 0xff)));
                i++;
            } else {
                text.append(new String(bytes, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return text.toString();
    }

    /** The bytes Lua compiles: the text in UTF-8, each escaped byte as itself. */
    public static byte[] encode(String text) {
        int first = firstEscape(text, 0);
        if (first < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int from = 0;
        for (int at = first; at >= 0; at = firstEscape(text, from)) {
            out.writeBytes(text.substring(from, at).getBytes(StandardCharsets.UTF_8));
            out.write(text.charAt(at) & 0xff);
            from = at + 1;
        }
        out.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The index of the next escaped byte: a low surrogate in DC80..DCFF that no high surrogate precedes. */
    private static int firstEscape(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0xdc80 && c <= 0xdcff && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
