package io.github.luaactor.core.internal.pattern;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.find(s, pattern [, init [, plain]])} and {@code string.match(s, pattern [, init])}: the first
 * match from {@code init} on; {@code find} returns its bounds and the captures, {@code match} the captures (or the
 * match). A leading {@code ^} anchors the match at {@code init}.
 */
final class FindFunction extends VarArgFunction {
    /** Bytes that make a {@code find} pattern more than a plain string (Lua's SPECIALS). */
    private static final LuaString SPECIALS = LuaString.valueOf("^$*+?.([%-");

    private final boolean find;
    private final MatchBudget budget;

    FindFunction(boolean find, MatchBudget budget) {
        this.find = find;
        this.budget = budget;
        this.name = find ? "find" : "match";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaString s = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        int length = s.length();
        long init = startIndex(args.optlong(3, 1), length);
        if (init > length + 1) {
            return NIL;
        }
        int start = (int) init - 1;
        StepMeter meter = new StepMeter(budget);
        if (find && (args.arg(4).toboolean() || pattern.indexOfAny(SPECIALS) < 0)) {
            int at = PlainSearch.indexOf(s, pattern, start, meter);
            return at < 0 ? NIL : varargsOf(valueOf(at + 1), valueOf(at + pattern.length()));
        }
        boolean anchored = pattern.length() > 0 && pattern.luaByte(0) == '^';
        Matcher matcher = new Matcher(s, CompiledPattern.compile(pattern, anchored ? 1 : 0, meter), meter);
        do {
            int end = matcher.matchAt(start);
            if (end >= 0) {
                Captures captures = matcher.captures();
                return find ? varargsOf(valueOf(start + 1), valueOf(end), captures.values(start, end, false))
                        : captures.values(start, end, true);
            }
        } while (start++ < length && !anchored);
        return NIL;
    }

    /** {@code init} as a 1-based index: negative counts from the end, and anything below 1 is 1. */
    static long startIndex(long init, int length) {
        long index = init >= 0 ? init : -init > length ? 0 : length + init + 1;
        return Math.max(index, 1);
    }
}
