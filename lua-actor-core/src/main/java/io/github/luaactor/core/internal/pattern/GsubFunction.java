package io.github.luaactor.core.internal.pattern;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.gsub(s, pattern, replacement [, n])}: a copy of {@code s} with the first {@code n} (default all)
 * matches replaced, and the number of matches replaced. A leading {@code ^} replaces at most the match at the start;
 * after an empty match the search goes on one byte later. The result never grows past the allowed string length.
 */
final class GsubFunction extends VarArgFunction {
    private final MatchBudget budget;

    GsubFunction(MatchBudget budget) {
        this.budget = budget;
        this.name = "gsub";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaString s = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        StepMeter meter = new StepMeter(budget);
        Replacement replacement = Replacement.of(args.arg(3), meter);
        int length = s.length();
        long maxReplacements = args.isnoneornil(4) ? length + 1L : Conversions.cInteger(args.checkdouble(4));
        if (maxReplacements < 0) {
            // 5.2 keeps the count in a size_t: a negative one (or a NaN, or one beyond 2^63) sets no limit
            maxReplacements = Long.MAX_VALUE;
        }
        boolean anchored = pattern.length() > 0 && pattern.luaByte(0) == '^';
        Matcher matcher = new Matcher(s, CompiledPattern.compile(pattern, anchored ? 1 : 0, meter), meter);
        GsubOutput out = new GsubOutput(length, meter);
        int position = 0;
        int copiedUpTo = 0;
        long count = 0;
        while (count < maxReplacements) {
            int end = matcher.matchAt(position);
            if (end >= 0) {
                count++;
                out.append(s, copiedUpTo, position);
                replacement.append(out, s, matcher.captures(), position, end);
                copiedUpTo = end;
            }
            if (end > position) {
                position = end;
            } else if (position < length) {
                position++;
            } else {
                break;
            }
            if (anchored) {
                break;
            }
        }
        out.append(s, copiedUpTo, length);
        return varargsOf(out.result(), valueOf((int) count));
    }
}
