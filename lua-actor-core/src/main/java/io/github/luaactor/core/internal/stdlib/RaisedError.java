package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * An error whose Lua value is exactly what the script raised (with the position prefix {@code error} adds to
 * strings): {@code pcall} hands the value back unchanged, while the Java side ({@link #getMessage}, logs and the
 * sender's exception) also gets the traceback LuaJ appends.
 */
public final class RaisedError extends LuaError {
    private static final long serialVersionUID = 1L;

    private final transient LuaValue value;

    public RaisedError(LuaValue value) {
        super(value);
        this.value = value;
    }

    /** The value {@code pcall} returns. */
    public LuaValue value() {
        return value;
    }

    @Override
    public LuaValue getMessageObject() {
        return value;
    }

    /** The value as text for Java: what Lua's stand-alone interpreter prints for an uncaught error. */
    public String text() {
        return value.isstring() ? value.tojstring() : "(error object is a " + value.typename() + " value)";
    }

    @Override
    public String getMessage() {
        // LuaJ's interpreter sets traceback to getMessage() plus the stack when the error passes a Lua frame.
        return traceback != null ? traceback : text();
    }
}
