package io.github.luaactor.core.internal.pattern;

import org.luaj.vm2.LuaTable;

/**
 * The pattern-matching functions of the {@code string} library ({@code find}, {@code match}, {@code gmatch},
 * {@code gsub}) on this package's own Lua 5.2 matcher, which charges its work to a {@link MatchBudget}: a
 * backtracking pattern, a long {@code %b} scan or a plain search over a large string is counted like running Lua
 * code and stopped by the same instruction limit and handler timeout.
 */
public final class PatternLibrary {
    private PatternLibrary() {
    }

    /** Puts the four functions into {@code string}, replacing any there. */
    public static void install(LuaTable string, MatchBudget budget) {
        string.rawset("find", new FindFunction(true, budget));
        string.rawset("match", new FindFunction(false, budget));
        string.rawset("gmatch", new GmatchFunction(budget));
        string.rawset("gsub", new GsubFunction(budget));
    }
}
