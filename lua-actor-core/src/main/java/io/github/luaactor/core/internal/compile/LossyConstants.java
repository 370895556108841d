package io.github.luaactor.core.internal.compile;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Finds string constants that luajc would change. luajc writes a constant that LuaJ's lenient
 * {@link LuaString#isValidUtf8()} accepts as a Java string literal and re-encodes it when the class loads; an
 * overlong sequence such as {@code "\192\128"} passes that check but comes back as a different byte ({@code "\0"}).
 * A chunk holding one stays interpreted, so that its strings keep every byte.
 */
final class LossyConstants {
    private LossyConstants() {
    }

    /** The first constant of {@code p} or its nested functions that luajc would not reproduce exactly, or null. */
    static LuaString find(Prototype p) {
        for (LuaValue k : p.k) {
            if (k instanceof LuaString s && s.isValidUtf8() && !LuaString.valueOf(s.tojstring()).raweq(s)) {
                return s;
            }
        }
        if (p.p != null) {
            for (Prototype nested : p.p) {
                LuaString found = find(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
