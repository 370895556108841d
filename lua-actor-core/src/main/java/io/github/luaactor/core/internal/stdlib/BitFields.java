package io.github.luaactor.core.internal.stdlib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code bit32}'s field functions as 5.2.4's {@code lbitlib} computes them: {@code extract} and {@code replace}
 * refuse a width of 0 ({@code width must be positive}, which LuaJ spelt "postive" and did not check for 0). Numbers
 * become unsigned as {@link BitOperations} makes them; arguments are checked as numbers before these run.
 */
public final class BitFields {
    private static final int BITS = 32;

    private BitFields() {
    }

    /** Replaces LuaJ's versions in {@code bit32}, a copy of its library table that is not yet sealed. */
    public static void install(LuaTable bit32) {
        bit32.rawset("extract", new Extract());
        bit32.rawset("replace", new Replace());
    }

    /** {@code fieldargs}: the field's first bit and width, checked in 5.2.4's order (field, width, extent). */
    private static int[] field(Varargs args, int at, String function) {
        int f = Conversions.checkInt(args, at, function);
        int w = args.isnoneornil(at + 1) ? 1 : Conversions.checkInt(args, at + 1, function);
        if (f < 0) {
            throw new LuaError("bad argument #" + at + " to '" + function + "' (field cannot be negative)");
        }
        if (w <= 0) {
            throw new LuaError("bad argument #" + (at + 1) + " to '" + function + "' (width must be positive)");
        }
        if ((long) f + w > BITS) {
            throw new LuaError("trying to access non-existent bits");
        }
        return new int[] {f, w};
    }

    private static int mask(int width) {
        return width == BITS ? -1 : (1 << width) - 1;
    }

    private static final class Extract extends VarArgFunction {
        Extract() {
            this.name = "extract";
        }

        @Override
        public Varargs invoke(Varargs args) {
            int r = BitOperations.unsigned(args, 1);
            int[] field = field(args, 2, "extract");
            return BitOperations.pushUnsigned((r >>> field[0]) & mask(field[1]));
        }
    }

    private static final class Replace extends VarArgFunction {
        Replace() {
            this.name = "replace";
        }

        @Override
        public Varargs invoke(Varargs args) {
            int r = BitOperations.unsigned(args, 1);
            int v = BitOperations.unsigned(args, 2);
            int[] field = field(args, 3, "replace");
            int m = mask(field[1]);
            return BitOperations.pushUnsigned((r & ~(m << field[0])) | ((v & m) << field[0]));
        }
    }
}
