package io.github.luaactor.core.internal.actor;

import java.util.ArrayDeque;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;

/**
 * An upper estimate of the heap bytes a message holds, for the memory a pending timer's message or a large queued
 * message keeps on an actor's account. Walks with its own stack: a message may be nested deeper than the thread's
 * stack allows recursion.
 */
final class MessageSize {
    static final long SCALAR_BYTES = 24;
    static final long STRING_BYTES = 64;
    static final long TABLE_BYTES = 96;
    static final long ENTRY_BYTES = 56;

    private MessageSize() {
    }

    static long of(LuaMessage message) {
        return of(message, Long.MAX_VALUE);
    }

    /** Nesting sized by recursion before {@link #ofTable} hands the rest to the walk with its own stack. */
    private static final int SHALLOW_DEPTH = 8;

    /**
     * The size of a table message, or some size above {@code stopAbove} as soon as it is known to be larger: a small
     * message costs a short walk, a large one no more than what passes the bound. Shallow tables, the common
     * messages, are sized by recursion, without the walk's stack.
     */
    static long ofTable(LuaMessage.Table table, long stopAbove) {
        return ofTable(table, stopAbove, 0);
    }

    private static long ofTable(LuaMessage.Table table, long stopAbove, int depth) {
        long total = TABLE_BYTES;
        for (Map.Entry<Object, LuaMessage> entry : table.entries().entrySet()) {
            LuaMessage value = entry.getValue();
            total += ENTRY_BYTES + keyBytes(entry.getKey());
            if (value instanceof LuaMessage.Table nested) {
                total += depth < SHALLOW_DEPTH ? ofTable(nested, stopAbove - total, depth + 1)
                        : of(nested, stopAbove - total);
            } else {
                total += leafBytes(value);
            }
            if (total > stopAbove) {
                return total;
            }
        }
        return total;
    }

    private static long keyBytes(Object key) {
        return key instanceof String text ? STRING_BYTES + 2L * text.length() : 0;
    }

    private static long leafBytes(LuaMessage leaf) {
        if (leaf instanceof LuaMessage.Bytes bytes) {
            return STRING_BYTES + bytes.length();
        }
        if (leaf instanceof LuaMessage.Str str) {
            // Two bytes a char: Java keeps a string with any non-Latin-1 character in UTF-16.
            return STRING_BYTES + 2L * str.value().length();
        }
        return SCALAR_BYTES;
    }

    private static long of(LuaMessage message, long stopAbove) {
        long total = 0;
        ArrayDeque<LuaMessage> todo = new ArrayDeque<>();
        todo.push(message);
        while (!todo.isEmpty() && total <= stopAbove) {
            LuaMessage next = todo.pop();
            if (next instanceof LuaMessage.Table table) {
                total += TABLE_BYTES;
                for (Map.Entry<Object, LuaMessage> entry : table.entries().entrySet()) {
                    total += ENTRY_BYTES + keyBytes(entry.getKey());
                    todo.push(entry.getValue());
                }
            } else {
                total += leafBytes(next);
            }
        }
        return total;
    }
}
