package io.github.luaactor.core.internal.stdlib;

import io.github.luaactor.core.internal.sandbox.NegativeZero;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code tostring} and {@code tonumber} as in Lua 5.2: numbers print with {@code %.14g} ({@code 1e+100},
 * {@code 9.2233720368548e+18}, {@code -0}, {@code inf}, {@code nan}) where LuaJ prints Java's text, tables,
 * functions, coroutines and userdata as {@code table: 0x} and hexadecimal digits; numerals are read by
 * {@link NumberParser}.
 */
public final class Conversions {
    private static final LuaString TOSTRING = LuaString.valueOf("__tostring");
    private static final LuaString NAN = LuaString.valueOf("nan");

    private Conversions() {
    }

    /** Lua's text of a number. Lua on Linux prints NaN as "nan" or "-nan" by its sign bit; this is always "nan". */
    public static LuaString numberText(LuaValue number) {
        if (number instanceof LuaInteger) {
            return number.strvalue();
        }
        double d = number.todouble();
        if (Double.isNaN(d)) {
            return NAN;
        }
        long whole = (long) d;
        if (whole == d && Math.abs(d) < 1e14 && (whole != 0 || 1 / d > 0)) {
            // %.14g of a whole number below 10^14 is its digits.
            return LuaString.valueOf(Long.toString(whole));
        }
        return LuaString.valueOf(CNumberFormat.luaNumber(d));
    }

    /**
     * luaL_tolstring: {@code __tostring}, numbers with {@code %.14g}, everything else as LuaJ names it. As in 5.2.4, what
     * {@code __tostring} returns is kept when it is neither string nor number ({@code tostring} returns it).
     */
    public static LuaValue tostring(LuaValue v) {
        LuaValue handler = v.metatag(TOSTRING);
        if (!handler.isnil()) {
            LuaValue s = handler.call(v);
            return s.type() == LuaValue.TNUMBER ? numberText(s) : s;
        }
        if (v.type() == LuaValue.TNUMBER) {
            return numberText(v);
        }
        return switch (v.type()) {
            case LuaValue.TTABLE, LuaValue.TFUNCTION, LuaValue.TTHREAD, LuaValue.TUSERDATA -> identityText(v);
            default -> v instanceof LuaString ? v : LuaValue.valueOf(v.tojstring());
        };
    }

    /**
     * {@link #tostring} where text is needed ({@code %s}, a log line): a {@code __tostring} that gave no string is
     * an error ({@code '__tostring' must return a string}) where C would read a null pointer.
     */
    public static LuaString text(LuaValue v) {
        LuaValue s = tostring(v);
        if (!s.isstring()) {
            throw new LuaError("'__tostring' must return a string");
        }
        return s.strvalue();
    }

    /**
     * {@code table: 0x0001b6d3}: C Lua prints the object's address with {@code %p}; its identity hash stands for
     * it here, fixed for the object's life (LuaJ prints a function's class name instead, and a userdata's Java text).
     * Two live objects may share a hash, as two addresses cannot; nothing in Lua compares these texts for identity.
     */
    private static LuaString identityText(LuaValue v) {
        String hex = Integer.toHexString(System.identityHashCode(v));
        return LuaValue.valueOf(v.typename() + ": 0x" + "00000000".substring(hex.length()) + hex);
    }

    /** The number {@code v} denotes (a number, or a string holding a numeral), or nil. */
    public static LuaValue tonumber(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return v;
        }
        double d = numeral(v);
        // tonumber('-0') is -0, as strtod reads it.
        return Double.isNaN(d) ? LuaValue.NIL : NegativeZero.valueOf(d);
    }

    /**
     * The value of {@code v} as Lua 5.2 reads a number: a number's own, a numeral string's (read by
     * {@link NumberParser}, not by LuaJ, whose parser throws for {@code "0x"}), else NaN (no numeral is NaN).
     */
    public static double numeral(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        return v instanceof LuaString s ? NumberParser.parse(s.m_bytes, s.m_offset, s.m_length) : Double.NaN;
    }

    /** The {@code tostring} function. */
    public static LuaValue tostringFunction() {
        return new ToStringFunction();
    }

    /** The {@code tonumber} function. */
    public static LuaValue tonumberFunction() {
        return new ToNumberFunction();
    }

    private static final class ToStringFunction extends VarArgFunction {
        ToStringFunction() {
            this.name = "tostring";
        }

        @Override
        public Varargs invoke(Varargs args) {
            return Conversions.tostring(args.checkvalue(1));
        }
    }

    private static final class ToNumberFunction extends VarArgFunction {
        ToNumberFunction() {
            this.name = "tonumber";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue v = args.checkvalue(1);
            if (args.isnoneornil(2)) {
                return Conversions.tonumber(v);
            }
            int base = checkInt(args, 2, "tonumber");
            if (base < 2 || base > 36) {
                throw new LuaError("bad argument #2 to 'tonumber' (base out of range)");
            }
            if (!v.isstring()) {
                throw new LuaError("bad argument #1 to 'tonumber' (string expected, got "
                        + (args.narg() == 0 ? "no value" : v.typename()) + ")");
            }
            LuaString s = v.type() == TNUMBER ? numberText(v) : v.strvalue();
            double d = NumberParser.parse(s.m_bytes, s.m_offset, s.m_length, base);
            return Double.isNaN(d) ? NIL : NegativeZero.valueOf(d);
        }
    }

    /**
     * Argument {@code i} of library function {@code function} as an integer, as Lua 5.2's {@code luaL_checkinteger}
     * reads it: a number, or a string that is a numeral (LuaJ's own check throws a Java exception for {@code "0x"}).
     */
    public static int checkInt(Varargs args, int i, String function) {
        LuaValue v = args.arg(i);
        double d = numeral(v);
        // a NaN number is a number (C converts it to 0); only a non-numeral is refused
        if (Double.isNaN(d) && v.type() != LuaValue.TNUMBER) {
            throw new LuaError("bad argument #" + i + " to '" + function + "' (number expected, got "
                    + (i > args.narg() ? "no value" : v.typename()) + ")");
        }
        return cInt(d);
    }

    /**
     * The 64-bit {@code lua_Integer} a double converts to on x86-64 ({@code luaL_checkinteger}): a value beyond the
     * 64-bit range, infinite or NaN is {@code INT64_MIN}; Java's {@code (long)} saturates instead, and makes NaN 0.
     */
    public static long cInteger(double d) {
        return Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63 ? Long.MIN_VALUE : (long) d;
    }

    /**
     * C's {@code (int)} of the 64-bit {@code lua_Integer} a double converts to on x86-64, as {@code luaL_checkint}
     * reads it: it wraps ({@code 2^32} is 0, {@code 2^31} is {@code -2^31}), and a value beyond the 64-bit range,
     * infinite or NaN becomes {@code INT64_MIN}, so 0. Java's {@code (int)} saturates instead.
     */
    public static int cInt(double d) {
        return (int) cInteger(d);
    }

    /**
     * {@code lua_tolstring} without metamethods: a string as it is, a number as {@code %.14g}; null for any other
     * value.
     */
    public static LuaString plainText(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return numberText(v);
        }
        return v instanceof LuaString s ? s : null;
    }
}
