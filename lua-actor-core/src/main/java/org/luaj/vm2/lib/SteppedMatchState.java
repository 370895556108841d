package org.luaj.vm2.lib;

import org.luaj.vm2.Buffer;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * LuaJ's own Lua pattern matcher with a callback on every matching step. It lives in LuaJ's package because
 * {@code StringLib.MatchState} is package-private; every recursive step of the matcher (captures, {@code -},
 * {@code *}, {@code ?}, backtracking) goes through the overridden {@link #match(int, int)}, so a pattern that
 * backtracks for minutes is counted like running Lua code. Used by the Lua actor sandbox only.
 */
public final class SteppedMatchState extends StringLib.MatchState {
    private final Runnable onStep;

    public SteppedMatchState(Varargs args, LuaString source, LuaString pattern, Runnable onStep) {
        super(args, source, pattern);
        this.onStep = onStep;
    }

    @Override
    int match(int soffset, int poffset) {
        onStep.run();
        return super.match(soffset, poffset);
    }

    /** Clears the captures before matching at a new start position. */
    public void resetCaptures() {
        reset();
    }

    /** Index just past the match starting at {@code soffset}, or -1. */
    public int matchAt(int soffset, int poffset) {
        return match(soffset, poffset);
    }

    /** The captures of the last match (the whole match when the pattern has none and {@code wholeIfNone}). */
    public Varargs captures(boolean wholeIfNone, int start, int end) {
        return push_captures(wholeIfNone, start, end);
    }

    /** Appends a string replacement with its {@code %0}–{@code %9} expanded, as {@code string.gsub} does. */
    public void appendExpanded(Buffer buffer, int start, int end, LuaValue replacement) {
        add_value(buffer, start, end, replacement);
    }
}
