package io.github.luaactor.core.internal.pattern;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.gmatch(s, pattern)}: an iterator over the successive matches. As in Lua 5.2, {@code ^} anchors
 * nothing here (it is an ordinary character), and after an empty match the next search starts one byte later.
 */
final class GmatchFunction extends VarArgFunction {
    private final MatchBudget budget;

    GmatchFunction(MatchBudget budget) {
        this.budget = budget;
        this.name = "gmatch";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaString s = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        StepMeter meter = new StepMeter(budget);
        return new Iterator(s, new Matcher(s, CompiledPattern.compile(pattern, 0, meter), meter));
    }

    private static final class Iterator extends VarArgFunction {
        private final LuaString s;
        private final Matcher matcher;
        private int position;

        Iterator(LuaString s, Matcher matcher) {
            this.s = s;
            this.matcher = matcher;
            this.name = "gmatch iterator";
        }

        @Override
        public Varargs invoke(Varargs args) {
            for (int start = position; start <= s.length(); start++) {
                int end = matcher.matchAt(start);
                if (end >= 0) {
                    position = end == start ? end + 1 : end;
                    return matcher.captures().values(start, end, true);
                }
            }
            position = s.length() + 1;
            return NONE;
        }
    }
}
