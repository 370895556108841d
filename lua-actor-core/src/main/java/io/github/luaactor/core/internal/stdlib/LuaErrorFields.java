package io.github.luaactor.core.internal.stdlib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * LuaJ's protected fields of {@link LuaError}: where an error was raised ({@code fileline}), its traceback, its level
 * and the value raised. The runtime reads them to give Lua code the value Lua 5.2 gives, and sets them where its own
 * interpreter positions an error, as LuaJ's does.
 */
public final class LuaErrorFields {
    public static final VarHandle FILELINE;
    public static final VarHandle TRACEBACK;
    public static final VarHandle LEVEL;
    public static final VarHandle OBJECT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(LuaError.class, MethodHandles.lookup());
            FILELINE = lookup.findVarHandle(LuaError.class, "fileline", String.class);
            TRACEBACK = lookup.findVarHandle(LuaError.class, "traceback", String.class);
            LEVEL = lookup.findVarHandle(LuaError.class, "level", int.class);
            OBJECT = lookup.findVarHandle(LuaError.class, "object", LuaValue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LuaErrorFields() {
    }
}
