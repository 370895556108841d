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

    IterationMetamethod(String name, LuaValue delegate) {
        this.name = name;
        this.delegate = delegate;
        this.event = LuaString.valueOf("__" + name);
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
        return delegate.invoke(args);
    }
}
