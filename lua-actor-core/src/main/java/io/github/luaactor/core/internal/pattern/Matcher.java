package io.github.luaactor.core.internal.pattern;

import io.github.luaactor.core.internal.pattern.PatternItem.BackReference;
import io.github.luaactor.core.internal.pattern.PatternItem.Balanced;
import io.github.luaactor.core.internal.pattern.PatternItem.CloseCapture;
import io.github.luaactor.core.internal.pattern.PatternItem.EndAnchor;
import io.github.luaactor.core.internal.pattern.PatternItem.Frontier;
import io.github.luaactor.core.internal.pattern.PatternItem.Malformed;
import io.github.luaactor.core.internal.pattern.PatternItem.OpenCapture;
import io.github.luaactor.core.internal.pattern.PatternItem.Repeat;
import io.github.luaactor.core.internal.pattern.PatternItem.Single;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;

/**
 * Matches a compiled pattern against a subject by backtracking, as Lua 5.2 does: greedy {@code *} and {@code +}
 * try the longest run first, {@code -} the shortest, {@code ?} with the byte first. Every attempt is one step
 * charged to the budget, and nested attempts are limited to {@value #MAX_DEPTH} (C Lua's limit), so a pattern
 * that recurses deeply ends with Lua's "pattern too complex", an error {@code pcall} catches, long before the
 * Java stack runs out.
 */
final class Matcher {
    static final int MAX_DEPTH = 200;
    private static final int NO_MATCH = -1;

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final PatternItem[] items;
    private final StepMeter meter;
    private final Captures captures;
    private int depthLeft;

    Matcher(LuaString subject, CompiledPattern pattern, StepMeter meter) {
        this.bytes = subject.m_bytes;
        this.offset = subject.m_offset;
        this.length = subject.m_length;
        this.items = pattern.items();
        this.meter = meter;
        this.captures = new Captures(subject);
    }

    Captures captures() {
        return captures;
    }

    /** The end of a match of the whole pattern starting at {@code start}, or -1; captures are reset first. */
    int matchAt(int start) {
        captures.clear();
        depthLeft = MAX_DEPTH;
        return match(start, 0);
    }

    private int byteAt(int i) {
        return bytes[offset + i] & 0xff;
    }

    /** Items from {@code item} on matched from {@code start}: the end of the match, or -1. */
    private int match(int start, int item) {
        meter.step();
        if (depthLeft-- == 0) {
            throw new LuaError("pattern too complex");
        }
        int end = attempt(start, item);
        depthLeft++;
        return end;
    }

    /**
     * One attempt: items that cannot backtrack (a single byte, {@code %b}, {@code %f}, a back-reference) advance
     * in this loop; the first one with alternatives decides the result through nested attempts.
     */
    private int attempt(int start, int item) {
        int s = start;
        int i = item;
        // instanceof in order of frequency: measurably faster here than a switch over the sealed type.
        while (s != NO_MATCH && i < items.length) {
            PatternItem current = items[i];
            if (current instanceof Single single) {
                boolean one = s < length && single.set().contains(byteAt(s));
                Repeat repeat = single.repeat();
                if (repeat == Repeat.ONCE) {
                    if (!one) {
                        return NO_MATCH;
                    }
                    s++;
                    i++;
                } else if (!one) {
                    if (repeat == Repeat.ONE_OR_MORE) {
                        return NO_MATCH;
                    }
                    i++; // zero repetitions: the next item in this attempt, as Lua does
                } else if (repeat == Repeat.OPTIONAL) {
                    int withByte = match(s + 1, i + 1);
                    if (withByte != NO_MATCH) {
                        return withByte;
                    }
                    i++;
                } else {
                    return switch (repeat) {
                        case ZERO_OR_MORE -> longest(s, single.set(), i);
                        case ONE_OR_MORE -> longest(s + 1, single.set(), i);
                        default -> shortest(s, single.set(), i);
                    };
                }
            } else if (current instanceof OpenCapture open) {
                return openCapture(s, i, open.position());
            } else if (current instanceof CloseCapture) {
                return closeCapture(s, i);
            } else if (current instanceof EndAnchor) {
                return s == length ? s : NO_MATCH;
            } else if (current instanceof Balanced balanced) {
                s = balanced(s, balanced);
                i++;
            } else if (current instanceof Frontier frontier) {
                int before = s == 0 ? 0 : byteAt(s - 1);
                int after = s < length ? byteAt(s) : 0;
                s = !frontier.set().contains(before) && frontier.set().contains(after) ? s : NO_MATCH;
                i++;
            } else if (current instanceof BackReference reference) {
                s = backReference(s, reference.digit());
                i++;
            } else {
                throw new LuaError(((Malformed) current).message());
            }
        }
        return s;
    }

    private int openCapture(int s, int i, boolean position) {
        captures.open(s, position);
        int end = match(s, i + 1);
        if (end == NO_MATCH) {
            captures.dropLast();
        }
        return end;
    }

    private int closeCapture(int s, int i) {
        int closed = captures.close(s);
        int end = match(s, i + 1);
        if (end == NO_MATCH) {
            captures.reopen(closed);
        }
        return end;
    }

    /** Greedy: the longest run of {@code set} from {@code s}, then shorter ones, until the rest matches. */
    private int longest(int s, ByteSet set, int i) {
        int run = 0;
        while (s + run < length && set.contains(byteAt(s + run))) {
            run++;
            meter.scanned();
        }
        for (; run >= 0; run--) {
            int end = match(s + run, i + 1);
            if (end != NO_MATCH) {
                return end;
            }
        }
        return NO_MATCH;
    }

    /** Lazy: the rest tried after no byte of {@code set}, then after one more each time. */
    private int shortest(int s, ByteSet set, int i) {
        int at = s;
        while (true) {
            int end = match(at, i + 1);
            if (end != NO_MATCH) {
                return end;
            }
            if (at < length && set.contains(byteAt(at))) {
                at++;
            } else {
                return NO_MATCH;
            }
        }
    }

    /** After {@code %bxy} at {@code s}: the position past the {@code y} that balances the {@code x} at s, or -1. */
    private int balanced(int s, Balanced balanced) {
        if (s >= length || byteAt(s) != balanced.open()) {
            return NO_MATCH;
        }
        int depth = 1;
        for (int j = s + 1; j < length; j++) {
            meter.scanned();
            int c = byteAt(j);
            if (c == balanced.close()) {
                if (--depth == 0) {
                    return j + 1;
                }
            } else if (c == balanced.open()) {
                depth++;
            }
        }
        return NO_MATCH;
    }

    /** After {@code %digit} at {@code s}: the position past a copy of that capture's text, or -1. */
    private int backReference(int s, int digit) {
        int capture = captures.checkReference(digit);
        int n = captures.textLength(capture);
        if (n < 0 || length - s < n) {
            return NO_MATCH;
        }
        int from = captures.start(capture);
        for (int k = 0; k < n; k++) {
            meter.scanned();
            if (bytes[offset + from + k] != bytes[offset + s + k]) {
                return NO_MATCH;
            }
        }
        return s + n;
    }
}
