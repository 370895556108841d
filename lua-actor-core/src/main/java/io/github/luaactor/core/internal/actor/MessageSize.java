package io.github.luaactor.core.internal.actor;

import java.util.ArrayDeque;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;

/**
 * An upper estimate of the heap bytes a message holds, for the memory a pending timer keeps on an actor's account.
 * Walks with its own stack: a message may be nested deeper than the thread's stack allows recursion.
 */
final class MessageSize {
    static final long SCALAR_BYTES = 24;
    static final long STRING_BYTES = 64;
    static final long TABLE_BYTES = 96;
    static final long ENTRY_BYTES = 56;

    private MessageSize() {
    }

    static long of(LuaMessage message) {
        long total = 0;
        ArrayDeque<LuaMessage> todo = new ArrayDeque<>();
        todo.push(message);
        while (!todo.isEmpty()) {
            LuaMessage next = todo.pop();
            if (next instanceof LuaMessage.Table table) {
                total += TABLE_BYTES;
                for (Map.Entry<Object, LuaMessage> entry : table.entries().entrySet()) {
                    total += ENTRY_BYTES;
                    if (entry.getKey() instanceof String key) {
                        total += STRING_BYTES + 2L * key.length();
                    }
                    todo.push(entry.getValue());
                }
            } else if (next instanceof LuaMessage.Bytes bytes) {
                total += STRING_BYTES + bytes.length();
            } else if (next instanceof LuaMessage.Str str) {
                // Two bytes a char: Java keeps a string with any non-Latin-1 character in UTF-16.
                total += STRING_BYTES + 2L * str.value().length();
            } else {
                total += SCALAR_BYTES;
            }
        }
        return total;
    }
}
