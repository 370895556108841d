package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.ErrorValues;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A library function whose arguments are checked against its Lua 5.2 parameter list ({@link ArgumentSignature})
 * before it runs, so that a wrong one gets Lua 5.2's words, {@code bad argument #1 to 'rep' (number expected, got no
 * value)}, where LuaJ says {@code bad argument: number expected, got nil}. The numbering follows the call
 * ({@link CallSyntax}): a method call does not count its receiver, and a bad receiver reads
 * {@code calling 'rep' on bad self (...)}; an argument error the function raises itself in those words (for a plain
 * call) is renumbered the same way. Other errors it raises pass unchanged.
 */
final class CheckedArguments extends VarArgFunction {
    private static final String BAD_ARGUMENT = "bad argument #";

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
        try {
            return delegate.call();
        } catch (LuaError e) {
            throw renumbered(e);
        }
    }

    @Override
    public LuaValue call(LuaValue a) {
        int bad = signature.mismatch(1, a, NIL, NIL, null);
        if (bad != 0) {
            throw failure(bad, bad == 1 ? a : NIL, bad <= 1);
        }
        try {
            return delegate.call(a);
        } catch (LuaError e) {
            throw renumbered(e);
        }
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b) {
        int bad = signature.mismatch(2, a, b, NIL, null);
        if (bad != 0) {
            throw failure(bad, bad == 1 ? a : bad == 2 ? b : NIL, bad <= 2);
        }
        try {
            return delegate.call(a, b);
        } catch (LuaError e) {
            throw renumbered(e);
        }
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b, LuaValue c) {
        int bad = signature.mismatch(3, a, b, c, null);
        if (bad != 0) {
            throw failure(bad, bad == 1 ? a : bad == 2 ? b : bad == 3 ? c : NIL, bad <= 3);
        }
        try {
            return delegate.call(a, b, c);
        } catch (LuaError e) {
            throw renumbered(e);
        }
    }

    @Override
    public Varargs invoke(Varargs args) {
        int narg = args.narg();
        int bad = signature.mismatch(narg, NIL, NIL, NIL, args);
        if (bad != 0) {
            throw failure(bad, args.arg(bad), bad <= narg);
        }
        try {
            return delegate.invoke(args);
        } catch (LuaError e) {
            throw renumbered(e);
        }
    }

    /**
     * An argument error the function raised itself, numbered as this call was written: one in Lua 5.2's words for a
     * plain call ({@code string.format}'s {@code bad argument #2 to 'format' (...)}), or in LuaJ's, which name no
     * function ({@code bad argument #1: invalid value}). Any other error as it is. Only an error no Lua frame has
     * positioned yet is the function's own.
     */
    private LuaError renumbered(LuaError e) {
        String message = e.getMessage();
        if (message == null || e.getClass() != LuaError.class || ErrorValues.position(e) != null
                || !message.startsWith(BAD_ARGUMENT)) {
            return e;
        }
        String to = " to '" + name + "' (";
        int at = message.indexOf(to);
        boolean lua52 = at > 0 && message.endsWith(")");
        if (!lua52) {
            at = message.indexOf(": ");
        }
        int position;
        try {
            position = at < 0 ? -1 : Integer.parseInt(message.substring(BAD_ARGUMENT.length(), at));
        } catch (NumberFormatException notOurs) {
            return e;
        }
        if (position < 1) {
            return e;
        }
        CalledAs calledAs = CallSyntax.of(this, name);
        if (lua52 && calledAs.syntax() == CallSyntax.PLAIN && calledAs.name().equals(name)) {
            return e;
        }
        String problem = lua52 ? message.substring(at + to.length(), message.length() - 1) : message.substring(at + 2);
        return new LuaError(message(calledAs, position, lua52 ? problem : lua52Problem(problem)));
    }

    /** LuaJ's words for what is wrong with an argument, as 5.2 says them where they differ. */
    private String lua52Problem(String luaj) {
        return "char".equals(name) && "invalid value".equals(luaj) ? "value out of range" : luaj;
    }

    private LuaError failure(int position, LuaValue value, boolean present) {
        String problem = signature.problem(position, value, present);
        return new LuaError(message(CallSyntax.of(this, name), position, problem));
    }

    private String message(CalledAs calledAs, int position, String problem) {
        String called = calledAs.name();
        return switch (calledAs.syntax()) {
            case METHOD -> position == 1 ? "calling '" + called + "' on bad self (" + problem + ")"
                    : BAD_ARGUMENT + (position - 1) + " to '" + called + "' (" + problem + ")";
            case PLAIN -> BAD_ARGUMENT + position + " to '" + called + "' (" + problem + ")";
            case JAVA -> BAD_ARGUMENT + position + " to '" + globalName + "' (" + problem + ")";
        };
    }
}
