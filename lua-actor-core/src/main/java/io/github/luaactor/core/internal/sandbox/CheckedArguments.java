package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A library function whose arguments are checked against its Lua 5.2 parameter list ({@link ArgumentSignature})
 * before it runs, so that a wrong one gets Lua 5.2's words, {@code bad argument #1 to 'rep' (number expected, got no
 * value)}, where LuaJ says {@code bad argument: number expected, got nil}. The numbering follows the call
 * ({@link CallSyntax}): a method call does not count its receiver, and a bad receiver reads
 * {@code calling 'rep' on bad self (...)}. Errors the function raises itself, for other reasons, pass unchanged.
 */
final class CheckedArguments extends VarArgFunction {
    private final LuaValue delegate;
    /** The name Lua code calls it by ({@code rep}), and its global one ({@code string.rep}) for a Java caller. */
    private final String name;
    private final String globalName;
    private final ArgumentSignature signature;

    CheckedArguments(LuaValue delegate, String name, String globalName, ArgumentSignature signature) {
        this.delegate = delegate;
        this.name = name;
        this.globalName = globalName;
        this.signature = signature;
    }

    /** {@code tostring(string.sub)} names the function, not this wrapper. */
    @Override
    public String tojstring() {
        return delegate.tojstring();
    }

    @Override
    public LuaValue call() {
        int bad = signature.mismatch(0, NIL, NIL, NIL, null);
        if (bad != 0) {
            throw failure(bad, NIL, false);
        }
        return delegate.call();
    }

    @Override
    public LuaValue call(LuaValue a) {
        int bad = signature.mismatch(1, a, NIL, NIL, null);
        if (bad != 0) {
            throw failure(bad, bad == 1 ? a : NIL, bad <= 1);
        }
        return delegate.call(a);
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b) {
        int bad = signature.mismatch(2, a, b, NIL, null);
        if (bad != 0) {
            throw failure(bad, bad == 1 ? a : bad == 2 ? b : NIL, bad <= 2);
        }
        return delegate.call(a, b);
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b, LuaValue c) {
        int bad = signature.mismatch(3, a, b, c, null);
        if (bad != 0) {
            throw failure(bad, bad == 1 ? a : bad == 2 ? b : bad == 3 ? c : NIL, bad <= 3);
        }
        return delegate.call(a, b, c);
    }

    @Override
    public Varargs invoke(Varargs args) {
        int narg = args.narg();
        int bad = signature.mismatch(narg, NIL, NIL, NIL, args);
        if (bad != 0) {
            throw failure(bad, args.arg(bad), bad <= narg);
        }
        return delegate.invoke(args);
    }

    private LuaError failure(int position, LuaValue value, boolean present) {
        String problem = signature.problem(position, value, present);
        return new LuaError(switch (CallSyntax.of(this, name)) {
            case METHOD -> position == 1 ? "calling '" + name + "' on bad self (" + problem + ")"
                    : "bad argument #" + (position - 1) + " to '" + name + "' (" + problem + ")";
            case PLAIN -> "bad argument #" + position + " to '" + name + "' (" + problem + ")";
            case JAVA -> "bad argument #" + position + " to '" + globalName + "' (" + problem + ")";
        });
    }
}
