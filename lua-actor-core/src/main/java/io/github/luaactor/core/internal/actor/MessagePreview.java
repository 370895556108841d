package io.github.luaactor.core.internal.actor;

import java.util.Map;

import io.github.luaactor.core.LuaMessage;

/**
 * A short, bounded rendering of a message for log lines. A record's own {@code toString} walks the whole message:
 * a deeply nested table overflows the stack and a large one floods the log, so the logger showed
 * "[FAILED toString()]" for exactly the messages worth seeing.
 */
final class MessagePreview {
    static final int MAX_CHARS = 240;
    static final int MAX_DEPTH = 4;

    private MessagePreview() {
    }

    static String of(LuaMessage message) {
        StringBuilder out = new StringBuilder();
        append(out, message, 0);
        if (out.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS);
            out.append("...");
        }
        return out.toString();
    }

    private static void append(StringBuilder out, LuaMessage message, int depth) {
        if (out.length() > MAX_CHARS) {
            return;
        }
        if (!(message instanceof LuaMessage.Table table)) {
            String text = String.valueOf(message);
            out.append(text, 0, Math.min(text.length(), MAX_CHARS + 1));
            return;
        }
        if (depth >= MAX_DEPTH) {
            out.append("Table[").append(table.entries().size()).append(" entries]");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<Object, LuaMessage> entry : table.entries().entrySet()) {
            if (out.length() > MAX_CHARS) {
                break;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(entry.getKey()).append('=');
            append(out, entry.getValue(), depth + 1);
        }
        out.append('}');
    }
}
