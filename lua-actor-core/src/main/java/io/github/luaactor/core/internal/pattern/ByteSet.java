package io.github.luaactor.core.internal.pattern;

/**
 * The bytes (0–255) one pattern item accepts: a literal, {@code .}, a class such as {@code %a}, or a set
 * {@code [...]}. Every single-character item compiles to one of these, so matching a byte is one bit test whatever
 * the item's syntax. Built while a pattern compiles and not changed afterwards.
 */
final class ByteSet {
    /** The sets of one byte and of every byte, shared by all patterns: never changed after this. */
    private static final ByteSet[] SINGLE = new ByteSet[256];
    private static final ByteSet ANY = new ByteSet();

    static {
        for (int c = 0; c < SINGLE.length; c++) {
            SINGLE[c] = new ByteSet();
            SINGLE[c].add(c);
        }
        ANY.addRange(0, 255);
    }

    private final long[] bits = new long[4];

    /** The set of byte {@code c} alone (shared: do not change it). */
    static ByteSet of(int c) {
        return SINGLE[c];
    }

    /** The set of every byte, for {@code .} (shared: do not change it). */
    static ByteSet any() {
        return ANY;
    }

    boolean contains(int c) {
        return (bits[c >>> 6] & (1L << c)) != 0;
    }

    void add(int c) {
        bits[c >>> 6] |= 1L << c;
    }

    /** Adds {@code low..high}; nothing when {@code low > high}, as in Lua. */
    void addRange(int low, int high) {
        for (int c = low; c <= high; c++) {
            add(c);
        }
    }

    void addAll(ByteSet other) {
        for (int i = 0; i < bits.length; i++) {
            bits[i] |= other.bits[i];
        }
    }

    ByteSet complement() {
        ByteSet result = new ByteSet();
        for (int i = 0; i < bits.length; i++) {
            result.bits[i] = ~bits[i];
        }
        return result;
    }
}
