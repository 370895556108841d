package io.github.luaactor.core.internal.interp;

import java.util.Arrays;

import io.github.luaactor.core.internal.sandbox.NegativeZero;
import io.github.luaactor.core.internal.stdlib.Conversions;
import io.github.luaactor.core.internal.stdlib.ListLength;
import io.github.luaactor.core.internal.stdlib.MathFunctions;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.2's arithmetic and order operators (reference manual 2.4 and 3.4), for the interpreter and for compiled code
 * (the weaver points luajc's calls here). Two numbers, or for ordering two strings, go straight to LuaJ. Otherwise:
 * a string operand of arithmetic is converted as {@code tonumber} converts it (white space, signs and hexadecimal
 * fractions included: {@code ' -0xa ' + 1} is -9), then the first operand's metamethod is tried, then the
 * second's ({@code 1 < t} calls {@code t}'s {@code __lt}, which LuaJ's numbers never look for). When none applies,
 * the error is raised in LuaJ's wording (by LuaJ's own operation, for arithmetic), which the runtime rewords as Lua
 * 5.2 words it, with the operand's name.
 */
public final class LuaOperators {
    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int MUL = 2;
    private static final int DIV = 3;
    private static final int MOD = 4;
    private static final int POW = 5;
    private static final LuaValue[] EVENTS = {LuaValue.ADD, LuaValue.SUB, LuaValue.MUL, LuaValue.DIV, LuaValue.MOD,
        LuaValue.POW};

    private LuaOperators() {
    }

    public static LuaValue add(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            LuaValue r = a.add(b);
            return r == LuaValue.ZERO ? signedZero(a.todouble() + b.todouble()) : r;
        }
        return arithmetic(ADD, a, b);
    }

    public static LuaValue sub(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            LuaValue r = a.sub(b);
            return r == LuaValue.ZERO ? signedZero(a.todouble() - b.todouble()) : r;
        }
        return arithmetic(SUB, a, b);
    }

    public static LuaValue mul(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            LuaValue r = a.mul(b);
            return r == LuaValue.ZERO ? signedZero(a.todouble() * b.todouble()) : r;
        }
        return arithmetic(MUL, a, b);
    }

    /** As C Lua divides doubles: {@code 1/-0.0} is {@code -inf} (LuaJ ignores the sign of a zero divisor). */
    public static LuaValue div(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            double y = b.todouble();
            if (y == 0) {
                return signedZero(a.todouble() / y);
            }
            LuaValue r = a.div(b);
            return r == LuaValue.ZERO ? signedZero(a.todouble() / y) : r;
        }
        return arithmetic(DIV, a, b);
    }

    public static LuaValue mod(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            LuaValue r = a.mod(b);
            if (r == LuaValue.ZERO) {
                double x = a.todouble();
                double y = b.todouble();
                return signedZero(x - Math.floor(x / y) * y);
            }
            return r;
        }
        return arithmetic(MOD, a, b);
    }

    /**
     * {@code a ^ b}: C's {@code pow} ({@link MathFunctions#pow}). Not LuaJ's {@code pow}, which goes through the math
     * library constructed last anywhere in the JVM and, unless that is a {@code JseMathLib}, approximates.
     */
    public static LuaValue pow(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            return signedZero(MathFunctions.pow(a.todouble(), b.todouble()));
        }
        return arithmetic(POW, a, b);
    }

    /**
     * A result LuaJ made the integer 0 (it keeps whole doubles as integers): Lua computes in doubles, where the
     * zero may be {@code -0.0} ({@code 0 * -1}, {@code -0 / 5}), which prints {@code -0} and divides into
     * {@code -inf}.
     */
    private static LuaValue signedZero(double d) {
        return NegativeZero.valueOf(d);
    }

    /**
     * {@code #v}: a table with {@code __len} gives the metamethod's result, which receives the table twice as in
     * Lua 5.2 (LuaJ passes it once); anything else is LuaJ's (a table's raw length, a string's, the error).
     */
    public static LuaValue len(LuaValue v) {
        if (v instanceof LuaTable t) {
            LuaValue handler = ListLength.metamethod(t);
            // 5.2 hands __len its operand twice, as __unm (LuaJ: once)
            return handler.isnil() ? LuaValue.valueOf(t.rawlen()) : handler.call(t, t);
        }
        return v.len();
    }

    /** Unary minus: {@code __unm} receives the operand twice, as in Lua 5.2. */
    public static LuaValue neg(LuaValue a) {
        if (a instanceof LuaNumber) {
            return a == LuaValue.ZERO ? signedZero(-0.0) : a.neg();
        }
        LuaValue n = toNumber(a);
        if (n != null) {
            return n == LuaValue.ZERO ? signedZero(-0.0) : n.neg();
        }
        LuaValue handler = a.metatag(LuaValue.UNM);
        if (!handler.isnil()) {
            return handler.call(a, a);
        }
        if (!(a instanceof LuaString)) {
            // LuaJ's own error, in its wording, for any other type; a string is not given to LuaJ's operation,
            // whose parser throws a Java exception for "0x"
            a.neg();
        }
        throw new LuaError("attempt to perform arithmetic on string");
    }

    /** {@code a < b}. */
    public static boolean lt(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            return a.lt_b(b);
        }
        if (a instanceof LuaString x && b instanceof LuaString y) {
            return compareStrings(x, y) < 0;
        }
        LuaValue handler = handler(a, b, LuaValue.LT);
        if (!handler.isnil()) {
            return handler.call(a, b).toboolean();
        }
        throw orderError("__lt", a, b);
    }

    /** {@code a <= b}: {@code __le}, else {@code not (b < a)} through {@code __lt}. */
    public static boolean le(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            return a.lteq_b(b);
        }
        if (a instanceof LuaString x && b instanceof LuaString y) {
            return compareStrings(x, y) <= 0;
        }
        LuaValue handler = handler(a, b, LuaValue.LE);
        if (!handler.isnil()) {
            return handler.call(a, b).toboolean();
        }
        handler = handler(b, a, LuaValue.LT);
        if (!handler.isnil()) {
            return !handler.call(b, a).toboolean();
        }
        throw orderError("__le", a, b);
    }

    /**
     * In the wording of LuaJ's own comparison with operands in order, which the runtime rewords as Lua 5.2 does
     * ({@code attempt to compare number with table}) wherever LuaJ's is.
     */
    private static LuaError orderError(String event, LuaValue a, LuaValue b) {
        return new LuaError("attempt to compare " + event + " on " + a.typename() + " and " + b.typename());
    }

    /**
     * luajc's numeric {@code for} test, {@code index <= limit} (or {@code >=} for a negative step), with the limit and
     * step converted as the interpreter's {@code FORPREP} converts them: luajc's own compares them unconverted.
     */
    public static boolean testFor(LuaValue index, LuaValue limit, LuaValue step) {
        if (limit instanceof LuaNumber && step instanceof LuaNumber) {
            return index.testfor_b(limit, step);
        }
        return index.testfor_b(forNumber(limit, "'for' limit must be a number"),
                forNumber(step, "'for' step must be a number"));
    }

    /**
     * luajc's numeric {@code for} set-up, {@code init - step}, with both converted as the interpreter's
     * {@code FORPREP} converts them (never an arithmetic metamethod); the limit is checked by {@link #testFor}.
     */
    public static LuaValue forPrep(LuaValue init, LuaValue step) {
        LuaValue start = forNumber(init, "'for' initial value must be a number");
        return start.sub(forNumber(step, "'for' step must be a number"));
    }

    /** {@code v} as a number for a numeric {@code for}, or the error {@code message}. */
    public static LuaValue forNumber(LuaValue v, String message) {
        LuaValue n = toNumber(v);
        if (n == null) {
            throw new LuaError(message);
        }
        return n;
    }

    /**
     * The number {@code v} is or converts to, as Lua 5.2 converts strings in arithmetic; null for anything else.
     */
    public static LuaValue toNumber(LuaValue v) {
        if (v instanceof LuaNumber) {
            return v;
        }
        double d = Conversions.numeral(v);
        return Double.isNaN(d) ? null : NegativeZero.valueOf(d);
    }

    /**
     * Lua's {@code strcoll} in the C locale: byte by byte as unsigned values, a prefix first. LuaJ compares Java's
     * signed bytes, which put {@code '\200'} and every UTF-8 letter beyond ASCII before {@code 'a'}.
     */
    public static int compareStrings(LuaString a, LuaString b) {
        return Arrays.compareUnsigned(a.m_bytes, a.m_offset, a.m_offset + a.m_length,
                b.m_bytes, b.m_offset, b.m_offset + b.m_length);
    }

    private static LuaValue handler(LuaValue first, LuaValue second, LuaValue event) {
        LuaValue handler = first.metatag(event);
        return handler.isnil() ? second.metatag(event) : handler;
    }

    private static LuaValue arithmetic(int op, LuaValue a, LuaValue b) {
        LuaValue x = toNumber(a);
        LuaValue y = x == null ? null : toNumber(b);
        if (y != null) {
            return numeric(op, x, y);
        }
        LuaValue handler = handler(a, b, EVENTS[op]);
        if (!handler.isnil()) {
            return handler.call(a, b);
        }
        if (!((x == null ? a : b) instanceof LuaString)) {
            // LuaJ's own error, in its wording, when the operand Lua 5.2 names is of another type; a string is not
            // given to LuaJ's operation, whose parser throws a Java exception for "0x"
            numeric(op, a, b);
        }
        throw refusedString(op, a, b);
    }

    private static LuaValue numeric(int op, LuaValue x, LuaValue y) {
        if (!(x instanceof LuaNumber) || !(y instanceof LuaNumber)) {
            // LuaJ's own operation, for its error.
            return switch (op) {
                case ADD -> x.add(y);
                case SUB -> x.sub(y);
                case MUL -> x.mul(y);
                case DIV -> x.div(y);
                case MOD -> x.mod(y);
                default -> x.pow(y);
            };
        }
        return switch (op) {
            case ADD -> add(x, y);
            case SUB -> sub(x, y);
            case MUL -> mul(x, y);
            case DIV -> div(x, y);
            case MOD -> mod(x, y);
            default -> pow(x, y);
        };
    }

    /**
     * In LuaJ's wording, which the runtime names as Lua 5.2 does ({@code attempt to perform arithmetic on local 's'
     * (a string value)}): an operand Lua reads as a number is given as {@code number}, so the message tells which
     * operand failed.
     */
    private static LuaError refusedString(int op, LuaValue a, LuaValue b) {
        return new LuaError("attempt to perform arithmetic " + EVENTS[op] + " on " + kind(a) + " and " + kind(b));
    }

    private static String kind(LuaValue v) {
        return toNumber(v) != null ? "number" : v.typename();
    }
}
