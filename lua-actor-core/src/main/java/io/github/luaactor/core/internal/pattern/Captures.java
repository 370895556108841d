package io.github.luaactor.core.internal.pattern;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The captures of one match attempt: where each starts and how long it is, or whether it is still open or a
 * position capture. Lua allows {@value #MAX} per pattern.
 */
final class Captures {
    static final int MAX = 32;
    private static final int OPEN = -1;
    private static final int POSITION = -2;

    private final LuaString subject;
    private final int[] start = new int[MAX];
    private final int[] length = new int[MAX];
    private int level;

    Captures(LuaString subject) {
        this.subject = subject;
    }

    void clear() {
        level = 0;
    }

    /** Opens capture number {@code level}; {@code position} for {@code ()}. */
    void open(int at, boolean position) {
        if (level >= MAX) {
            throw new LuaError("too many captures");
        }
        start[level] = at;
        length[level] = position ? POSITION : OPEN;
        level++;
    }

    /** Forgets the capture opened last, when the match after it failed. */
    void dropLast() {
        level--;
    }

    /** Closes the innermost open capture at {@code at}; returns its index, for {@link #reopen}. */
    int close(int at) {
        for (int i = level - 1; i >= 0; i--) {
            if (length[i] == OPEN) {
                length[i] = at - start[i];
                return i;
            }
        }
        throw new LuaError("invalid pattern capture");
    }

    /** Opens capture {@code i} again, when the match after its end failed. */
    void reopen(int i) {
        length[i] = OPEN;
    }

    /**
     * For a back-reference {@code %digit}: the index of a closed capture, or Lua's error. A position capture
     * is returned too and then matches nothing (C Lua compares its length, -2, as a huge unsigned size).
     */
    int checkReference(int digit) {
        int i = digit - 1;
        if (i < 0 || i >= level || length[i] == OPEN) {
            throw new LuaError("invalid capture index %" + (i + 1));
        }
        return i;
    }

    int start(int i) {
        return start[i];
    }

    /** The length of capture {@code i}, or -1 for a position capture. */
    int textLength(int i) {
        return length[i] == POSITION ? -1 : length[i];
    }

    /**
     * Capture {@code i} as a Lua value: its text, its position (a number) for {@code ()}, or, for index 0 of a
     * pattern without captures, the whole match {@code matchStart..matchEnd}.
     */
    LuaValue value(int i, int matchStart, int matchEnd) {
        if (i >= level) {
            if (i == 0) {
                return subject.substring(matchStart, matchEnd);
            }
            throw new LuaError("invalid capture index");
        }
        int n = length[i];
        if (n == OPEN) {
            throw new LuaError("unfinished capture");
        }
        return n == POSITION ? LuaValue.valueOf(start[i] + 1) : subject.substring(start[i], start[i] + n);
    }

    /**
     * All captures; none for a pattern without captures unless {@code wholeIfNone} (then the whole match), as
     * {@code string.find} returns no captures where {@code match}, {@code gmatch} and {@code gsub} use the match.
     */
    Varargs values(int matchStart, int matchEnd, boolean wholeIfNone) {
        int n = level == 0 && wholeIfNone ? 1 : level;
        return switch (n) {
            case 0 -> LuaValue.NONE;
            case 1 -> value(0, matchStart, matchEnd);
            default -> {
                LuaValue[] values = new LuaValue[n];
                for (int i = 0; i < n; i++) {
                    values[i] = value(i, matchStart, matchEnd);
                }
                yield LuaValue.varargsOf(values);
            }
        };
    }
}
