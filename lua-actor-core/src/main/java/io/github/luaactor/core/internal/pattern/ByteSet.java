package io.github.luaactor.core.internal.pattern;

/**
 * The bytes (0–255) one pattern item accepts: a literal, {@code .}, a class such as {@code %a}, or a set
 * {@code [...]}. Every single-character item compiles to one of these, so matching a byte is one bit test whatever
 * the item's syntax. Built while a pattern compiles and not changed afterwards.
 */
final class ByteSet {
    private final long[] bits = new long[4];

    static ByteSet of(int c) {
        ByteSet set = new ByteSet();
        set.add(c);
        return set;
    }

    static ByteSet any() {
        ByteSet set = new ByteSet();
        set.addRange(0, 255);
        return set;
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
