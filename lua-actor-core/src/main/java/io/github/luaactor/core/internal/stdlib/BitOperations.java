package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code bit32}'s logic, shift and rotate functions as 5.2.4's {@code lbitlib} computes them on x86-64, where an
 * argument becomes a 32-bit unsigned number by the IEEE-754 trick of {@code luaconf.h} ({@code LUA_IEEE754TRICK}):
 * the number plus 2^52 + 2^51, rounded to nearest-even as the FPU rounds, keeps the integer in its low 32 bits. So
 * {@code bit32.band(1.5)} is 2 and {@code bit32.band(-1.5)} is 4294967294 (LuaJ truncated, to 1 and 4294967295), and
 * every number modulo 2^32 in the manual's range (-2^51, 2^51). Shift counts are C casts ({@code luaL_checkint});
 * {@code arshift} by 32 or more is all ones for a negative number and 0 otherwise (LuaJ wrapped the count:
 * {@code arshift(0x80000000, 32)} gave 2147483648).
 * Arguments are checked as numbers before these run.
 */
public final class BitOperations {
    private static final int BITS = 32;
    private static final double ROUNDING_BIAS = 6755399441055744.0;

    private BitOperations() {
    }

    /** Replaces LuaJ's versions in {@code bit32}, a copy of its library table that is not yet sealed. */
    public static void install(LuaTable bit32) {
        for (Op op : Op.values()) {
            bit32.rawset(op.luaName, new Function(op));
        }
    }

    /** {@code luaL_checkunsigned} on x86-64: the low 32 bits of the number plus the rounding bias. */
    static int unsigned(Varargs args, int i) {
        return (int) Double.doubleToRawLongBits(Conversions.numeral(args.arg(i)) + ROUNDING_BIAS);
    }

    static LuaValue pushUnsigned(int bits) {
        return LuaValue.valueOf((double) (bits & 0xFFFF_FFFFL));
    }

    /** {@code b_shift}: left for a positive displacement, right (logical) for a negative one. */
    private static int shift(int r, long displacement) {
        if (displacement < 0) {
            return -displacement >= BITS ? 0 : r >>> (int) -displacement;
        }
        return displacement >= BITS ? 0 : r << (int) displacement;
    }

    /** {@code b_arshift}: right with the sign bit copied in, left as {@code b_shift}. */
    private static int arithmeticShift(int r, int displacement) {
        if (displacement < 0) {
            return shift(r, -(long) displacement);
        }
        return displacement >= BITS ? (r < 0 ? -1 : 0) : r >> displacement;
    }

    private enum Op {
        BAND("band"), BOR("bor"), BXOR("bxor"), BTEST("btest"), BNOT("bnot"), LSHIFT("lshift"), RSHIFT("rshift"),
        ARSHIFT("arshift"), LROTATE("lrotate"), RROTATE("rrotate");

        final String luaName;

        Op(String luaName) {
            this.luaName = luaName;
        }
    }

    private static final class Function extends VarArgFunction {
        private final Op op;

        Function(Op op) {
            this.op = op;
            this.name = op.luaName;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return switch (op) {
                case BAND -> pushUnsigned(fold(args, -1, 0));
                case BOR -> pushUnsigned(fold(args, 0, 1));
                case BXOR -> pushUnsigned(fold(args, 0, 2));
                case BTEST -> valueOf(fold(args, -1, 0) != 0);
                case BNOT -> pushUnsigned(~unsigned(args, 1));
                case LSHIFT -> pushUnsigned(shift(unsigned(args, 1), count(args)));
                case RSHIFT -> pushUnsigned(shift(unsigned(args, 1), -(long) count(args)));
                case ARSHIFT -> pushUnsigned(arithmeticShift(unsigned(args, 1), count(args)));
                case LROTATE -> pushUnsigned(Integer.rotateLeft(unsigned(args, 1), count(args)));
                case RROTATE -> pushUnsigned(Integer.rotateRight(unsigned(args, 1), count(args)));
            };
        }

        /** The shift or rotate count, argument 2 ({@code luaL_checkint}). */
        private int count(Varargs args) {
            return Conversions.checkInt(args, 2, name);
        }

        /** {@code band}, {@code bor} or {@code bxor} ({@code kind} 0, 1, 2) of every argument, from {@code start}. */
        private static int fold(Varargs args, int start, int kind) {
            int r = start;
            for (int i = 1, n = args.narg(); i <= n; i++) {
                int x = unsigned(args, i);
                r = kind == 0 ? r & x : kind == 1 ? r | x : r ^ x;
            }
            return r;
        }
    }
}
