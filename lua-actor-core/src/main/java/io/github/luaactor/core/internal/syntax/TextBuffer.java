package io.github.luaactor.core.internal.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The text of the string being read, as 5.2's lexer keeps it for messages (escapes replaced by their bytes). */
final class TextBuffer {
    private byte[] bytes = new byte[64];
    private int length;

    void reset() {
        length = 0;
    }

    void add(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, length * 2);
        }
        bytes[length++] = (byte) b;
    }

    String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
