package io.github.luaactor.core.internal.pattern;

/**
 * The character classes of Lua 5.2 §6.4.1 ({@code %a %c %d %g %l %p %s %u %w %x}) as C's {@code <ctype.h>} defines
 * them in the C locale: ASCII only, byte-wise, so no byte from 128 up belongs to any class. An upper-case letter
 * is the complement of its class. {@code %z} (the zero byte) is kept because Lua 5.2 still accepts it (deprecated).
 * Any other escaped character stands for itself: {@code %.} is a dot, {@code %Q} a {@code Q}.
 */
final class CharacterClasses {
    private static final ByteSet[] CLASSES = new ByteSet[128];

    static {
        ByteSet upper = range('A', 'Z');
        ByteSet lower = range('a', 'z');
        ByteSet digit = range('0', '9');
        ByteSet alpha = union(upper, lower);
        ByteSet alnum = union(alpha, digit);
        ByteSet graph = range(33, 126);
        ByteSet punct = new ByteSet();
        for (int c = 33; c <= 126; c++) {
            if (!alnum.contains(c)) {
                punct.add(c);
            }
        }
        ByteSet control = range(0, 31);
        control.add(127);
        ByteSet space = range('\t', '\r');
        space.add(' ');
        ByteSet hex = union(digit, union(range('a', 'f'), range('A', 'F')));
        define('a', alpha);
        define('c', control);
        define('d', digit);
        define('g', graph);
        define('l', lower);
        define('p', punct);
        define('s', space);
        define('u', upper);
        define('w', alnum);
        define('x', hex);
        define('z', ByteSet.of(0));
    }

    private CharacterClasses() {
    }

    /** What {@code %c} matches, for any byte {@code c} after the {@code %}. */
    static ByteSet escaped(int c) {
        ByteSet set = c < CLASSES.length ? CLASSES[c] : null;
        return set != null ? set : ByteSet.of(c);
    }

    private static void define(char letter, ByteSet set) {
        CLASSES[letter] = set;
        CLASSES[Character.toUpperCase(letter)] = set.complement();
    }

    private static ByteSet range(int low, int high) {
        ByteSet set = new ByteSet();
        set.addRange(low, high);
        return set;
    }

    private static ByteSet union(ByteSet a, ByteSet b) {
        ByteSet set = new ByteSet();
        set.addAll(a);
        set.addAll(b);
        return set;
    }
}
