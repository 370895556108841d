package io.github.luaactor.core.internal.pattern;

/** One item of a compiled Lua pattern (Lua 5.2 §6.4.1), in the order the pattern lists them. */
sealed interface PatternItem {

    /** A single-character class ({@code x}, {@code .}, {@code %a}, {@code [set]}) with its repetition, if any. */
    record Single(ByteSet set, Repeat repeat) implements PatternItem {
    }

    /** {@code (} starts a capture; {@code ()} captures the current position. */
    record OpenCapture(boolean position) implements PatternItem {
    }

    /** {@code )} closes the innermost open capture. */
    record CloseCapture() implements PatternItem {
    }

    /** {@code $} as the last character of the pattern: the end of the subject. */
    record EndAnchor() implements PatternItem {
    }

    /** {@code %bxy}: a balanced run from {@code x} to the matching {@code y}. */
    record Balanced(int open, int close) implements PatternItem {
    }

    /** {@code %f[set]}: the empty string between a byte not in the set and one in it (the ends count as 0). */
    record Frontier(ByteSet set) implements PatternItem {
    }

    /** {@code %1}–{@code %9} (and the invalid {@code %0}): the text of an earlier capture again. */
    record BackReference(int digit) implements PatternItem {
    }

    /**
     * A malformed rest of the pattern. Lua reports it only when matching reaches it (a pattern whose bad tail is
     * never reached works), so compiling keeps the error here instead of raising it at once.
     */
    record Malformed(String message) implements PatternItem {
    }

    /** The suffix of a single-character class. */
    enum Repeat {
        ONCE, ZERO_OR_MORE, ONE_OR_MORE, LAZY_ZERO_OR_MORE, OPTIONAL;

        static Repeat of(int suffix) {
            return switch (suffix) {
                case '*' -> ZERO_OR_MORE;
                case '+' -> ONE_OR_MORE;
                case '-' -> LAZY_ZERO_OR_MORE;
                case '?' -> OPTIONAL;
                default -> ONCE;
            };
        }
    }
}
