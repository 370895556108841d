package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code pairs(t)} and {@code ipairs(t)} as in Lua 5.2: when {@code t}'s metatable has {@code __pairs} (or
 * {@code __ipairs}), it is called with {@code t} and its first three results drive the loop; otherwise LuaJ's own
 * function answers ({@code next, t, nil} or the integer iterator). LuaJ 3.0.1 ignores both metamethods, so a proxy
 * table written for 5.2 iterated as an empty table.
 */
final class IterationMetamethod extends VarArgFunction {
    private final LuaValue delegate;
    private final LuaString event;
    /**
     * For {@code pairs}: the global {@code next} it returns, so that {@code pairs(t) == next} as in 5.2 (LuaJ's
     * {@code pairs} returns a {@code next} of its own). Set once while the shared libraries are built.
     */
    private LuaValue next;

    IterationMetamethod(String name, LuaValue delegate) {
        this.name = name;
        this.delegate = delegate;
        this.event = LuaString.valueOf("__" + name);
    }

    /** Makes {@code pairs} return {@code next} for a table without {@code __pairs}. */
    void returnNext(LuaValue next) {
        this.next = next;
    }

    @Override
    public String tojstring() {
        return delegate.tojstring();
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue subject = args.arg1();
        LuaValue metatable = subject.getmetatable();
        if (metatable != null) {
            LuaValue handler = metatable.rawget(event);
            if (!handler.isnil()) {
                Varargs loop = handler.invoke(subject);
                return varargsOf(loop.arg1(), loop.arg(2), loop.arg(3));
            }
        }
        return next != null ? varargsOf(next, subject, NIL) : delegate.invoke(args);
    }
}
