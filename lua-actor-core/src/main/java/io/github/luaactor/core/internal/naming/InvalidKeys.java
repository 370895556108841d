package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.LuaValue;

/**
 * {@code t[k] = v} with a nil or NaN {@code k}: LuaJ's table raises {@code table index expected, got table} (it
 * names the table, not the key), Lua 5.2 {@code table index is nil} or {@code table index is NaN}. The interpreter
 * reads the key from the failing instruction's registers; compiled code passes each key it computes at run time
 * through {@link #record} on its way to a store, which keeps an invalid one for the error that follows (only on
 * that path: valid keys cost nothing here). A store with a constant key can only fail for a nil one, since neither
 * compiler folds a division by zero into a NaN constant.
 */
public final class InvalidKeys {
    static final String LUAJ_MESSAGE = "table index expected, got table";
    private static final ThreadLocal<LuaValue> LAST = new ThreadLocal<>();

    private InvalidKeys() {
    }

    /** Whether {@code key} cannot be a table key: nil or NaN. */
    public static boolean invalid(LuaValue key) {
        return key == LuaValue.NIL || key.type() == LuaValue.TNUMBER && Double.isNaN(key.todouble());
    }

    /** Keeps {@code key}, invalid, for the message of the store it is on its way to. */
    public static void record(LuaValue key) {
        LAST.set(key);
    }

    /** Lua 5.2's message for a store of {@code key}, or null when {@code key} is a valid key. */
    public static String message(LuaValue key) {
        if (key.isnil()) {
            return "table index is nil";
        }
        return invalid(key) ? "table index is NaN" : null;
    }

    /** For compiled code: Lua's message for LuaJ's {@code message} of a failed store, from the key kept; else null. */
    static String recorded(String message) {
        if (!LUAJ_MESSAGE.equals(message)) {
            return null;
        }
        LuaValue key = LAST.get();
        LAST.remove();
        return message(key == null ? LuaValue.NIL : key);
    }
}
