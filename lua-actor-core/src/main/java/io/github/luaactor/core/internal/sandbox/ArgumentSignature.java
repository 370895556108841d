package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A library function's parameters as the Lua 5.2 reference manual lists them, written compactly: one letter per
 * parameter, {@code ?} after an optional one (absent or nil), {@code *} after the last for any number more of that
 * kind; {@code "s n s?"} is {@code string.rep (s, n [, sep])}. Letters: {@code s} string (a number passes, as C Lua's
 * {@code luaL_checklstring} converts it), {@code n} number (a string that converts passes), {@code t} table,
 * {@code f} function, {@code v} any value but none, {@code x} anything (not checked), {@code c} coroutine,
 * {@code m} nil or table ({@code setmetatable}'s second), {@code l} table or string ({@code rawlen}), {@code g}
 * string, number, function or table ({@code gsub}'s replacement), {@code d} a date table ({@code os.time}'s, whose
 * {@code day}, {@code month} and {@code year} must be numbers).
 * <p>
 * Checking is a loop over the letters with a type test each, allocating nothing; the message is made only for a
 * mismatch.
 */
final class ArgumentSignature {
    private static final LuaValue[] DATE_FIELDS = {LuaValue.valueOf("day"), LuaValue.valueOf("month"),
        LuaValue.valueOf("year")};

    private final byte[] kinds;
    private final boolean[] optional;
    /** The kind of every argument after the listed ones, or 0: none is checked. */
    private final byte rest;

    private ArgumentSignature(byte[] kinds, boolean[] optional, byte rest) {
        this.kinds = kinds;
        this.optional = optional;
        this.rest = rest;
    }

    static ArgumentSignature of(String spec) {
        String[] parts = spec.isBlank() ? new String[0] : spec.trim().split(" +");
        byte rest = 0;
        int listed = parts.length;
        if (listed > 0 && parts[listed - 1].endsWith("*")) {
            rest = (byte) parts[--listed].charAt(0);
        }
        byte[] kinds = new byte[listed];
        boolean[] optional = new boolean[listed];
        for (int i = 0; i < listed; i++) {
            kinds[i] = (byte) parts[i].charAt(0);
            optional[i] = parts[i].endsWith("?");
            if ("sntfvxcmlgd".indexOf(kinds[i]) < 0 || parts[i].length() > (optional[i] ? 2 : 1)) {
                throw new IllegalArgumentException("bad signature " + spec);
            }
        }
        return new ArgumentSignature(kinds, optional, rest);
    }

    /**
     * The position (1-based) of the first argument that does not fit, or 0. {@code args} gives the arguments when
     * not null, else {@code a}, {@code b}, {@code c} (of which {@code narg} are present).
     */
    int mismatch(int narg, LuaValue a, LuaValue b, LuaValue c, Varargs args) {
        int checked = rest != 0 ? Math.max(narg, kinds.length) : kinds.length;
        for (int i = 1; i <= checked; i++) {
            boolean present = i <= narg;
            LuaValue v = !present ? LuaValue.NIL : args != null ? args.arg(i) : i == 1 ? a : i == 2 ? b : c;
            boolean listed = i <= kinds.length;
            if (!fits(listed ? kinds[i - 1] : rest, listed && optional[i - 1], v, present)) {
                return i;
            }
        }
        return 0;
    }

    private static boolean fits(byte kind, boolean optional, LuaValue v, boolean present) {
        int type = v.type();
        if (kind == 'x') {
            return true;
        }
        if (kind == 'v') {
            return present;
        }
        if (type == LuaValue.TNIL && (optional || kind == 'm' && present)) {
            return true;
        }
        return switch (kind) {
            case 's' -> type == LuaValue.TSTRING || type == LuaValue.TNUMBER;
            case 'n' -> isNumber(v);
            case 't', 'm' -> type == LuaValue.TTABLE;
            case 'f' -> type == LuaValue.TFUNCTION;
            case 'c' -> type == LuaValue.TTHREAD;
            case 'l' -> type == LuaValue.TTABLE || type == LuaValue.TSTRING;
            case 'g' -> type == LuaValue.TSTRING || type == LuaValue.TNUMBER || type == LuaValue.TTABLE
                    || type == LuaValue.TFUNCTION;
            case 'd' -> type == LuaValue.TTABLE && missingDateField(v) == null;
            default -> false;
        };
    }

    /**
     * What Lua 5.2 says in parentheses about argument {@code position} that did not fit:
     * {@code number expected, got no value}. A date table missing a field is no argument error in Lua 5.2: that
     * error is raised from here ({@code field 'day' missing in date table}).
     */
    String problem(int position, LuaValue v, boolean present) {
        byte kind = position <= kinds.length ? kinds[position - 1] : rest;
        if (kind == 'd' && v.type() == LuaValue.TTABLE) {
            throw new LuaError("field '" + missingDateField(v) + "' missing in date table");
        }
        String got = present ? v.typename() : "no value";
        return switch (kind) {
            case 'v' -> "value expected";
            case 'c' -> "coroutine expected";
            case 'm' -> "nil or table expected";
            case 'l' -> "table or string expected";
            case 'g' -> "string/function/table expected";
            case 's' -> "string expected, got " + got;
            case 'n' -> "number expected, got " + got;
            case 'f' -> "function expected, got " + got;
            default -> "table expected, got " + got;
        };
    }

    /**
     * Whether {@code v} is a number or a string Lua 5.2 reads as one. Not LuaJ's {@code isnumber}: its parser
     * throws an ArrayIndexOutOfBoundsException for {@code "0x"}, which would reach the script as a Java error. A NaN
     * is a number ({@code math.floor(0/0)} is NaN in 5.2); only a numeral never reads as NaN.
     */
    static boolean isNumber(LuaValue v) {
        return v.type() == LuaValue.TNUMBER || !Double.isNaN(Conversions.numeral(v));
    }

    /** The first of the fields {@code os.time} needs that does not hold a number, as 5.2 reads them; or null. */
    private static String missingDateField(LuaValue table) {
        for (LuaValue field : DATE_FIELDS) {
            if (!isNumber(table.get(field))) {
                return field.tojstring();
            }
        }
        return null;
    }
}
