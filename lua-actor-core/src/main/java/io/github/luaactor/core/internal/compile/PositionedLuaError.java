package io.github.luaactor.core.internal.compile;

import java.util.function.UnaryOperator;

import io.github.luaactor.core.internal.stdlib.ErrorValues;
import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * A Lua error with the position and traceback the interpreter's error hook would have given it. Lua code
 * ({@code pcall}) sees exactly the value it would see in interpreted code: a raised value unchanged (error() already
 * put the position of the level asked for in it), a runtime error's message with {@code chunk:line: } in front, and
 * never the traceback, which only the Java side (the sender's exception, logs) gets.
 */
final class PositionedLuaError extends LuaError {
    private static final long serialVersionUID = 1L;
    /** The traceback of an error a {@code pcall} catches: it was raised in a frame, which is not listed. */
    static final String UNLISTED = "";

    private final transient LuaValue value;
    private final String text;

    private PositionedLuaError(LuaValue value, String text, LuaError original, String fileline, String traceback) {
        super(value);
        this.value = value;
        this.text = text;
        this.level = 1;
        this.cause = original.getCause();
        this.fileline = fileline;
        this.traceback = traceback == null ? null : traceback.isEmpty() ? text : text + "\n" + traceback;
        setStackTrace(original.getStackTrace());
    }

    static PositionedLuaError of(LuaError original, String fileline, String traceback) {
        return of(original, fileline, traceback, UnaryOperator.identity());
    }

    /**
     * @param wording turns LuaJ's message of a runtime error raised here (not yet positioned) into Lua 5.2's
     */
    static PositionedLuaError of(LuaError original, String fileline, String traceback, UnaryOperator<String> wording) {
        if (original instanceof RaisedError raised) {
            return new PositionedLuaError(raised.value(), raised.text(), original, fileline, traceback);
        }
        // What the interpreter's hook gives a runtime error passing a Lua frame: the position joined to the bare
        // message. Without a frame (no traceback: raised by a tail call) the interpreter leaves the value as it is.
        LuaValue bare = ErrorValues.of(original);
        if (original.getClass() == LuaError.class && bare.isstring() && ErrorValues.position(original) == null) {
            bare = LuaValue.valueOf(wording.apply(bare.tojstring()));
        }
        LuaValue value = traceback != null && bare.isstring() && ErrorValues.position(original) == null
                ? LuaValue.valueOf(fileline + ": " + bare.tojstring()) : bare;
        String text = value.isstring() ? value.tojstring() : "(error object is a " + value.typename() + " value)";
        return new PositionedLuaError(value, text, original, fileline, traceback);
    }

    @Override
    public LuaValue getMessageObject() {
        return value;
    }

    @Override
    public String getMessage() {
        return traceback != null ? traceback : text;
    }
}
