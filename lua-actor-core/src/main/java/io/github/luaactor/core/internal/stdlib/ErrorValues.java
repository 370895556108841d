package io.github.luaactor.core.internal.stdlib;

import java.lang.invoke.VarHandle;

import io.github.luaactor.core.internal.naming.Lua52Messages;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * The value Lua code sees for an error LuaJ raised. LuaJ's own {@code getMessageObject} gives the message with the
 * position joined by a space and the whole traceback appended; Lua gives {@code chunk:line: message}. The parts
 * live in LuaJ's protected fields, read here (the error belongs to the actor's thread, so restoring them after
 * reading the bare message is safe).
 */
public final class ErrorValues {
    private static final VarHandle FILELINE = LuaErrorFields.FILELINE;
    private static final VarHandle TRACEBACK = LuaErrorFields.TRACEBACK;
    private static final VarHandle OBJECT = LuaErrorFields.OBJECT;

    private ErrorValues() {
    }

    /** What {@code pcall} returns for {@code error}. */
    public static LuaValue of(LuaError error) {
        if (error instanceof RaisedError raised) {
            return raised.value();
        }
        LuaValue object = (LuaValue) OBJECT.get(error);
        if (object != null) {
            return object;
        }
        String fileline = (String) FILELINE.get(error);
        String traceback = (String) TRACEBACK.get(error);
        String bare;
        FILELINE.set(error, (String) null);
        TRACEBACK.set(error, (String) null);
        try {
            bare = error.getMessage();
        } finally {
            FILELINE.set(error, fileline);
            TRACEBACK.set(error, traceback);
        }
        if (bare == null) {
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(fileline == null ? bare : fileline + ": " + bare);
    }

    /**
     * What {@code pcall} (or a coroutine's resume) returns for {@code error}: as {@link #of(LuaError)}, with a
     * runtime error of LuaJ's in Lua 5.2's words ({@code attempt to index local 't' (a nil value)}), named from
     * {@code stack} (null: nameless).
     */
    public static LuaValue of(LuaError error, CallStack stack) {
        LuaValue value = of(error);
        // Only LuaJ's own errors carry its wording: raised values and positioned compiled errors are subclasses.
        if (error.getClass() != LuaError.class || !value.isstring()) {
            return value;
        }
        String fileline = position(error);
        String text = value.tojstring();
        boolean positioned = fileline != null && text.startsWith(fileline + ": ");
        String bare = positioned ? text.substring(fileline.length() + 2) : text;
        String reworded = stack != null ? stack.lua52Message(fileline, bare) : Lua52Messages.reword(bare, null);
        if (reworded.equals(bare)) {
            return value;
        }
        return LuaValue.valueOf(positioned ? fileline + ": " + reworded : reworded);
    }

    /** {@code chunk:line} where the interpreter first saw {@code error} pass a Lua frame, or null. */
    public static String position(LuaError error) {
        return (String) FILELINE.get(error);
    }

    /** What {@code pcall} returns for a Java exception a library function let through. */
    public static LuaValue of(RuntimeException e) {
        return LuaValue.valueOf(e.getMessage() != null ? e.getMessage() : e.toString());
    }
}
