package io.github.luaactor.core.internal.sandbox;

import java.lang.reflect.Constructor;

import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaValue;
import org.slf4j.LoggerFactory;

/**
 * Lua's {@code -0.0} as a LuaJ value. {@code LuaValue.valueOf(-0.0)} gives the integer 0 (LuaJ turns every whole
 * double into an integer and its {@code LuaDouble} constructor is private), so a negative zero that crosses a
 * message or a saved state would come back positive and {@code 1/x} would be {@code inf} instead of {@code -inf}.
 * This builds the one instance LuaJ cannot; arithmetic on it follows IEEE 754 because LuaJ computes in doubles.
 */
public final class NegativeZero {
    private static final LuaValue VALUE = create();

    private NegativeZero() {
    }

    /** Whether a double is {@code -0.0} (which {@code ==} cannot tell from {@code 0.0}). */
    public static boolean is(double d) {
        return Double.doubleToRawLongBits(d) == Long.MIN_VALUE;
    }

    /**
     * {@code v} as a table key: {@code -0} is the key {@code 0}, as in Lua. LuaJ would hash the double {@code -0.0}
     * apart from the integer 0 (the one instance of it is this class's, so an identity test finds it).
     */
    public static LuaValue key(LuaValue v) {
        return v == VALUE ? LuaValue.ZERO : v;
    }

    /** A double as a LuaJ number, keeping the sign of zero. */
    public static LuaValue valueOf(double d) {
        return is(d) ? VALUE : LuaValue.valueOf(d);
    }

    private static LuaValue create() {
        try {
            Constructor<LuaDouble> constructor = LuaDouble.class.getDeclaredConstructor(double.class);
            constructor.setAccessible(true);
            return constructor.newInstance(-0.0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A module system that forbids the access: zero keeps its value, only its sign is lost.
            LoggerFactory.getLogger(NegativeZero.class)
                    .debug("LuaJ's LuaDouble constructor is not accessible; -0.0 will cross messages as 0", e);
            return LuaValue.valueOf(0);
        }
    }
}
