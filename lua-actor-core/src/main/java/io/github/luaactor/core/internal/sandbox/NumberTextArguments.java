package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A library function whose string arguments may be numbers, wrapped so that a number there reads as Lua 5.2 writes
 * it ({@code %.14g}): {@code string.len(1/3)} is 16 and {@code table.concat(t, 1e15)} separates with {@code 1e+15},
 * where LuaJ's own conversion gives Java's text ({@code 0.3333333333333333}, {@code 1.0E15}).
 * <p>
 * Only the positions the function uses as strings are looked at, and only a {@link LuaDouble} is rewritten: LuaJ
 * writes integers as Lua does, so {@code ("x"):rep(3)} and {@code s:sub(1, 2)} pass straight through (their counts
 * and positions are numbers the function reads as numbers and are never converted).
 */
final class NumberTextArguments extends VarArgFunction {
    private final LuaValue delegate;
    /** Bit {@code i} set: argument {@code i} (1-based) is used as a string. */
    private final int stringArguments;

    private NumberTextArguments(LuaValue delegate, int stringArguments) {
        this.delegate = delegate;
        this.stringArguments = stringArguments;
    }

    /**
     * Wraps the functions of the {@code string} library that convert a number argument to a string themselves:
     * the subject of every function that takes one, the pattern of the matching functions, {@code rep}'s separator,
     * {@code gsub}'s replacement and {@code format}'s format. Not {@code char} (its numbers are codes).
     */
    static void installInString(LuaTable string) {
        for (String name : new String[] {"len", "sub", "upper", "lower", "reverse", "byte", "format"}) {
            wrapIn(string, name, 1);
        }
        wrapIn(string, "rep", 1, 3);
        for (String name : new String[] {"find", "match", "gmatch"}) {
            wrapIn(string, name, 1, 2);
        }
        wrapIn(string, "gsub", 1, 2, 3);
    }

    static void wrapIn(LuaTable library, String name, int... positions) {
        library.rawset(name, wrap(library.rawget(name), positions));
    }

    /** {@code delegate} with the given 1-based argument positions converted when they hold a non-integer number. */
    static LuaValue wrap(LuaValue delegate, int... positions) {
        int mask = 0;
        for (int p : positions) {
            mask |= 1 << p;
        }
        return new NumberTextArguments(delegate, mask);
    }

    private LuaValue at(int position, LuaValue v) {
        return v instanceof LuaDouble && (stringArguments & (1 << position)) != 0 ? Conversions.numberText(v) : v;
    }

    /** {@code tostring(string.sub)} names the function, not this wrapper. */
    @Override
    public String tojstring() {
        return delegate.tojstring();
    }

    @Override
    public LuaValue call() {
        return delegate.call();
    }

    @Override
    public LuaValue call(LuaValue a) {
        return delegate.call(at(1, a));
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b) {
        return delegate.call(at(1, a), at(2, b));
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b, LuaValue c) {
        return delegate.call(at(1, a), at(2, b), at(3, c));
    }

    @Override
    public Varargs invoke(Varargs args) {
        int n = Math.min(args.narg(), Integer.SIZE - 1);
        LuaValue[] converted = null;
        for (int i = 1; i <= n; i++) {
            LuaValue v = args.arg(i);
            LuaValue text = at(i, v);
            if (text != v) {
                if (converted == null) {
                    converted = new LuaValue[args.narg()];
                    for (int j = 0; j < converted.length; j++) {
                        converted[j] = args.arg(j + 1);
                    }
                }
                converted[i - 1] = text;
            }
        }
        return delegate.invoke(converted == null ? args : varargsOf(converted));
    }
}
