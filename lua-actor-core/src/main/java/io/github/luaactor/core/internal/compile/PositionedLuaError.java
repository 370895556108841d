package io.github.luaactor.core.internal.compile;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/** A Lua error with the position and traceback the interpreter's error hook would have given it. */
final class PositionedLuaError extends LuaError {
    private PositionedLuaError(String message, LuaError original, String fileline, String traceback) {
        super(message);
        init(original, fileline, traceback);
    }

    private PositionedLuaError(LuaValue message, LuaError original, String fileline, String traceback) {
        super(message);
        init(original, fileline, traceback);
    }

    /**
     * A string message stays a string, as in the interpreter's errors, so that {@code pcall} sees the position and
     * traceback in it; any other value is kept as the error object.
     */
    static PositionedLuaError of(LuaError original, String fileline, String traceback) {
        LuaValue object = original.getMessageObject();
        if (object == null) {
            object = LuaValue.NIL;
        }
        return object.type() == LuaValue.TSTRING
                ? new PositionedLuaError(object.tojstring(), original, fileline, traceback)
                : new PositionedLuaError(object, original, fileline, traceback);
    }

    private void init(LuaError original, String fileline, String traceback) {
        this.level = 1;
        this.cause = original.getCause();
        this.fileline = fileline;
        this.traceback = traceback == null ? null : getMessage() + "\n" + traceback;
        setStackTrace(original.getStackTrace());
    }
}
