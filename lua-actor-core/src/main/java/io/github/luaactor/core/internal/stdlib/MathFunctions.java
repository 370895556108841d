package io.github.luaactor.core.internal.stdlib;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import io.github.luaactor.core.internal.sandbox.NegativeZero;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code math} functions whose C result can be {@code -0}, computed as C Lua 5.2 computes them: each pushes the
 * double its C function returns ({@code ceil(-0.5)} is {@code -0}, {@code fmod(-1, 1)} is {@code -0},
 * {@code modf(-0.5)} is {@code -0, -0.5}). LuaJ hands every result to {@code LuaValue.valueOf(double)}, which makes a
 * whole double an integer and so drops the sign of zero; a few of its functions also compute otherwise than C
 * ({@code fmod} as {@code x - y * trunc(x / y)}, which is inexact for a large quotient; {@code ldexp} by building
 * {@code 2^e} from bits, wrong beyond the normal exponents; {@code modf(inf)} gives a NaN fraction; {@code max} and
 * {@code min} through {@link Math#max}, which treats NaN and {@code -0} otherwise than 5.2's {@code d > dmax} loop).
 * The arguments are checked before these run ({@code LibrarySignatures}); numeric strings are read as Lua reads them.
 */
public final class MathFunctions {
    /** 5.2's {@code RADIANS_PER_DEGREE}; {@code deg} divides by it, {@code rad} multiplies. */
    private static final double RADIANS_PER_DEGREE = Math.PI / 180.0;

    private MathFunctions() {
    }

    /** Replaces LuaJ's versions in {@code math}, a copy of its library table that is not yet sealed. */
    public static void install(LuaTable math) {
        unary(math, "ceil", Math::ceil);
        unary(math, "floor", Math::floor);
        unary(math, "sqrt", Math::sqrt);
        unary(math, "sin", Math::sin);
        unary(math, "tan", Math::tan);
        unary(math, "asin", Math::asin);
        unary(math, "atan", Math::atan);
        unary(math, "sinh", Math::sinh);
        unary(math, "tanh", Math::tanh);
        unary(math, "deg", x -> x / RADIANS_PER_DEGREE);
        unary(math, "rad", x -> x * RADIANS_PER_DEGREE);
        // Java's % on doubles is C's fmod: exact, with the sign of the dividend.
        binary(math, "fmod", (x, y) -> x % y);
        binary(math, "atan2", Math::atan2);
        binary(math, "pow", MathFunctions::pow);
        math.rawset("log", new Log());
        // 5.2's standard build (LUA_COMPAT_ALL) keeps the deprecated log10
        unary(math, "log10", Math::log10);
        math.rawset("ldexp", new Ldexp());
        math.rawset("frexp", new Frexp());
        math.rawset("modf", new Modf());
        math.rawset("max", new Extreme("max", true));
        math.rawset("min", new Extreme("min", false));
    }

    /**
     * C99's {@code pow}, which Lua 5.2 calls for {@code ^} and {@code math.pow}: {@link Math#pow} but for the two cases
     * where Java answers NaN and C 1, {@code pow(1, y)} for any {@code y} (NaN included) and {@code pow(-1, ±inf)}.
     */
    public static double pow(double x, double y) {
        if (x == 1.0 || (x == -1.0 && Double.isInfinite(y))) {
            return 1.0;
        }
        return Math.pow(x, y);
    }

    private static void unary(LuaTable math, String name, DoubleUnaryOperator op) {
        math.rawset(name, new Unary(name, op));
    }

    private static void binary(LuaTable math, String name, DoubleBinaryOperator op) {
        math.rawset(name, new Binary(name, op));
    }

    private static double number(Varargs args, int i) {
        return Conversions.numeral(args.arg(i));
    }

    private static final class Unary extends VarArgFunction {
        private final DoubleUnaryOperator op;

        Unary(String name, DoubleUnaryOperator op) {
            this.name = name;
            this.op = op;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return NegativeZero.valueOf(op.applyAsDouble(number(args, 1)));
        }
    }

    private static final class Binary extends VarArgFunction {
        private final DoubleBinaryOperator op;

        Binary(String name, DoubleBinaryOperator op) {
            this.name = name;
            this.op = op;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return NegativeZero.valueOf(op.applyAsDouble(number(args, 1), number(args, 2)));
        }
    }

    /**
     * {@code log(x [, base])} as 5.2.4's {@code math_log}: the natural logarithm, {@code log10(x)} for base 10, else
     * {@code log(x) / log(base)} (so {@code log(8, 2)} is 3, {@code log(2, 1)} is inf). LuaJ ignored the base.
     */
    private static final class Log extends VarArgFunction {
        Log() {
            this.name = "log";
        }

        @Override
        public Varargs invoke(Varargs args) {
            double x = number(args, 1);
            if (args.isnoneornil(2)) {
                return NegativeZero.valueOf(Math.log(x));
            }
            double base = number(args, 2);
            return NegativeZero.valueOf(base == 10.0 ? Math.log10(x) : Math.log(x) / Math.log(base));
        }
    }

    /** {@code ldexp(x, e)}: C's is exact, as {@link Math#scalb} is; {@code e} is read as {@code luaL_checkint}. */
    private static final class Ldexp extends VarArgFunction {
        Ldexp() {
            this.name = "ldexp";
        }

        @Override
        public Varargs invoke(Varargs args) {
            return NegativeZero.valueOf(Math.scalb(number(args, 1), Conversions.checkInt(args, 2, "ldexp")));
        }
    }

    /**
     * {@code frexp(x)}: {@code m, e} with {@code x = m * 2^e} and {@code 0.5 <= |m| < 1}; zero (of either sign), inf
     * and NaN as they are, with {@code e = 0}, as glibc gives them.
     */
    private static final class Frexp extends VarArgFunction {
        /** Brings a subnormal number into the normal range, where {@link Math#getExponent} reads its exponent. */
        private static final int SUBNORMAL_SHIFT = 54;

        Frexp() {
            this.name = "frexp";
        }

        @Override
        public Varargs invoke(Varargs args) {
            double x = number(args, 1);
            if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
                return varargsOf(NegativeZero.valueOf(x), ZERO);
            }
            int shift = 0;
            if (Math.getExponent(x) < Double.MIN_EXPONENT) {
                x = Math.scalb(x, SUBNORMAL_SHIFT);
                shift = SUBNORMAL_SHIFT;
            }
            int e = Math.getExponent(x) + 1;
            return varargsOf(valueOf(Math.scalb(x, -e)), valueOf(e - shift));
        }
    }

    /**
     * {@code modf(x)}: C's integral part (toward zero) and fraction, both with the sign of {@code x}: {@code modf(-3)}
     * is {@code -3, -0}, {@code modf(-0.5)} is {@code -0, -0.5}, {@code modf(inf)} is {@code inf, 0}.
     */
    private static final class Modf extends VarArgFunction {
        Modf() {
            this.name = "modf";
        }

        @Override
        public Varargs invoke(Varargs args) {
            double x = number(args, 1);
            double whole = x > 0 ? Math.floor(x) : Math.ceil(x);
            // A whole x (or an infinite one) has a zero fraction of its own sign; NaN stays NaN in both.
            double fraction = x == whole ? Math.copySign(0.0, x) : x - whole;
            return varargsOf(NegativeZero.valueOf(whole), NegativeZero.valueOf(fraction));
        }
    }

    /**
     * {@code max} and {@code min} as 5.2's loop: the first argument, replaced by each later one that is greater
     * (smaller). So the first of equal values wins ({@code max(-0, 0)} is {@code -0}), and a NaN is kept only
     * when it comes first.
     */
    private static final class Extreme extends VarArgFunction {
        private final boolean max;

        Extreme(String name, boolean max) {
            this.name = name;
            this.max = max;
        }

        @Override
        public Varargs invoke(Varargs args) {
            double best = number(args, 1);
            for (int i = 2, n = args.narg(); i <= n; i++) {
                double d = number(args, i);
                if (max ? d > best : d < best) {
                    best = d;
                }
            }
            return NegativeZero.valueOf(best);
        }
    }
}
