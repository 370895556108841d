package io.github.luaactor.core.internal.pattern;

import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.internal.pattern.PatternItem.BackReference;
import io.github.luaactor.core.internal.pattern.PatternItem.Balanced;
import io.github.luaactor.core.internal.pattern.PatternItem.CloseCapture;
import io.github.luaactor.core.internal.pattern.PatternItem.EndAnchor;
import io.github.luaactor.core.internal.pattern.PatternItem.Frontier;
import io.github.luaactor.core.internal.pattern.PatternItem.Malformed;
import io.github.luaactor.core.internal.pattern.PatternItem.OpenCapture;
import io.github.luaactor.core.internal.pattern.PatternItem.Repeat;
import io.github.luaactor.core.internal.pattern.PatternItem.Single;
import org.luaj.vm2.LuaString;

/**
 * A Lua pattern split into its items once per call, so that matching, which visits items many times while it
 * backtracks, never parses. How a position of the pattern is read depends only on what precedes it, which is what
 * makes splitting ahead of time give the items Lua's matcher reads as it goes; a malformed part becomes a
 * {@link Malformed} item that raises Lua's error only if matching gets there. Immutable, so shared by all VMs.
 */
final class CompiledPattern {
    static final String MISSING_BRACKET = "malformed pattern (missing ']')";

    /** Patterns longer than this are compiled every time (they are rare, and not worth the memory). */
    private static final int CACHEABLE_LENGTH = 256;
    /**
     * Recently compiled patterns, shared by all VMs: most patterns are literals used again and again. Slots are
     * overwritten without locking; an entry is immutable, so a thread sees a whole entry or an older one.
     */
    private static final Cached[] CACHE = new Cached[256];

    private final PatternItem[] items;

    private CompiledPattern(PatternItem[] items) {
        this.items = items;
    }

    PatternItem[] items() {
        return items;
    }

    /** Compiles {@code pattern} from byte {@code from} (1 to skip an anchor), or finds it compiled recently. */
    static CompiledPattern compile(LuaString pattern, int from, StepMeter meter) {
        if (pattern.length() > CACHEABLE_LENGTH) {
            return new Parser(pattern, meter).parse(from);
        }
        int slot = (pattern.hashCode() * 31 + from) & (CACHE.length - 1);
        Cached cached = CACHE[slot];
        if (cached != null && cached.from() == from && cached.pattern().raweq(pattern)) {
            return cached.compiled();
        }
        CompiledPattern compiled = new Parser(pattern, meter).parse(from);
        // A copy, so that a pattern cut from a large string does not keep that string alive.
        byte[] copy = new byte[pattern.length()];
        pattern.copyInto(0, copy, 0, copy.length);
        CACHE[slot] = new Cached(LuaString.valueUsing(copy), from, compiled);
        return compiled;
    }

    /** A compiled pattern with the pattern text and start it came from. */
    private record Cached(LuaString pattern, int from, CompiledPattern compiled) {
    }

    private static final class Parser {
        private final LuaString pattern;
        private final int end;
        private final StepMeter meter;
        private final List<PatternItem> items = new ArrayList<>();

        Parser(LuaString pattern, StepMeter meter) {
            this.pattern = pattern;
            this.end = pattern.length();
            this.meter = meter;
        }

        /** The byte at {@code i}, or 0 past the end (where C's pattern has its terminating zero). */
        private int at(int i) {
            return i < end ? pattern.luaByte(i) : 0;
        }

        CompiledPattern parse(int from) {
            int p = from;
            while (p < end) {
                int next = item(p);
                meter.scanned(next < 0 ? end - p : next - p);
                if (next < 0) {
                    break;
                }
                p = next;
            }
            return new CompiledPattern(items.toArray(PatternItem[]::new));
        }

        /** Adds the item at {@code p}; the position after it, or -1 after a {@link Malformed} item. */
        private int item(int p) {
            switch (at(p)) {
                case '(' -> {
                    boolean position = at(p + 1) == ')';
                    items.add(new OpenCapture(position));
                    return position ? p + 2 : p + 1;
                }
                case ')' -> {
                    items.add(new CloseCapture());
                    return p + 1;
                }
                case '$' -> {
                    if (p + 1 == end) {
                        items.add(new EndAnchor());
                        return p + 1;
                    }
                    return single(p);
                }
                case '%' -> {
                    return escape(p);
                }
                default -> {
                    return single(p);
                }
            }
        }

        private int escape(int p) {
            int c = at(p + 1);
            if (c == 'b') {
                if (p + 3 >= end) {
                    return malformed("malformed pattern (missing arguments to '%b')");
                }
                items.add(new Balanced(at(p + 2), at(p + 3)));
                return p + 4;
            }
            if (c == 'f') {
                int set = p + 2;
                if (at(set) != '[') {
                    return malformed("missing '[' after '%f' in pattern");
                }
                int close = closingBracket(set);
                if (close < 0) {
                    return malformed(MISSING_BRACKET);
                }
                items.add(new Frontier(set(set, close)));
                return close + 1;
            }
            if (c >= '0' && c <= '9') {
                items.add(new BackReference(c - '0'));
                return p + 2;
            }
            return single(p);
        }

        /** A single-character class at {@code p} and its optional repetition suffix. */
        private int single(int p) {
            ByteSet set;
            int next;
            int c = at(p);
            if (c == '%') {
                if (p + 1 >= end) {
                    return malformed("malformed pattern (ends with '%')");
                }
                set = CharacterClasses.escaped(at(p + 1));
                next = p + 2;
            } else if (c == '[') {
                int close = closingBracket(p);
                if (close < 0) {
                    return malformed(MISSING_BRACKET);
                }
                set = set(p, close);
                next = close + 1;
            } else if (c == '.') {
                set = ByteSet.any();
                next = p + 1;
            } else {
                set = ByteSet.of(c);
                next = p + 1;
            }
            Repeat repeat = next < end ? Repeat.of(at(next)) : Repeat.ONCE;
            items.add(new Single(set, repeat));
            return repeat == Repeat.ONCE ? next : next + 1;
        }

        /**
         * The index of the {@code ]} that closes the set opening at {@code open}, or -1. The first byte of the set
         * (after an optional {@code ^}) never closes it, so {@code []]} is the set of {@code ]}; {@code %} escapes
         * the byte after it.
         */
        private int closingBracket(int open) {
            int q = open + 1;
            if (at(q) == '^') {
                q++;
            }
            do {
                if (q >= end) {
                    return -1;
                }
                int c = at(q++);
                if (c == '%' && q < end) {
                    q++;
                }
            } while (q >= end || at(q) != ']');
            return q;
        }

        /** The bytes of the set between {@code [} at {@code open} and {@code ]} at {@code close}. */
        private ByteSet set(int open, int close) {
            int q = open + 1;
            boolean complement = at(q) == '^';
            if (complement) {
                q++;
            }
            ByteSet set = new ByteSet();
            for (; q < close; q++) {
                int c = at(q);
                if (c == '%') {
                    set.addAll(CharacterClasses.escaped(at(++q)));
                } else if (at(q + 1) == '-' && q + 2 < close) {
                    set.addRange(c, at(q + 2));
                    q += 2;
                } else {
                    set.add(c);
                }
            }
            return complement ? set.complement() : set;
        }

        private int malformed(String message) {
            items.add(new Malformed(message));
            return -1;
        }
    }
}
