package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import io.github.luaactor.core.internal.stdlib.DateFormat;
import io.github.luaactor.core.internal.stdlib.ListLength;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Library functions that build strings, wrapped so that none can build one over the actor's max-string-length.
 * Each checks the size before LuaJ allocates anything large: afterwards the JVM may already have run out of memory.
 */
final class CappedStringFunctions {
    private static final LuaString EMPTY = LuaString.valueOf("");
    /**
     * Longest text one {@code string.format} conversion adds besides a string argument: a number's text
     * ({@code %f} of 1e308 has 309 digits) and a width of up to 99.
     */
    private static final int FORMAT_SPEC_ALLOWANCE = 512;
    /** Longest text one {@code os.date} conversion gives per format byte ({@code %c} is 24 bytes for 2). */
    private static final int DATE_EXPANSION = 16;

    private CappedStringFunctions() {
    }

    static LuaError tooLong(String function, long length) {
        int limit = SandboxLimits.maxStringLength();
        String size = length == Long.MAX_VALUE ? "more than 2^63" : Long.toString(length);
        return new LuaError(function + ": result of " + size + " bytes exceeds the sandbox limit of " + limit
                + " bytes (max-string-length)");
    }

    /** Refuses a result of {@code length} bytes over the running actor's max-string-length. */
    static void check(String function, long length) {
        if (length > SandboxLimits.maxStringLength()) {
            throw tooLong(function, length);
        }
    }

    /**
     * Refuses {@code R(A) := R(B) .. ... .. R(C)} when the strings and numbers in it sum to more than the limit;
     * returns the sum. Called by the {@link BudgetHook} before the VM runs the instruction, with the registers of
     * the running function (null when unknown: nothing is checked).
     */
    static long checkConcat(int instruction, LuaValue[] regs) {
        int b = instruction >>> 23;
        int c = (instruction >>> 14) & 0x1ff;
        if (regs == null || c >= regs.length) {
            return 0;
        }
        long total = 0;
        for (int r = b; r <= c; r++) {
            LuaValue value = regs[r];
            if (value instanceof LuaString s) {
                total += s.m_length;
            } else if (value != null && value.type() == LuaValue.TNUMBER) {
                total += value.tojstring().length();
            }
        }
        int limit = SandboxLimits.maxStringLength();
        if (total > limit) {
            throw new LuaError("string concatenation (..): result of " + total
                    + " bytes exceeds the sandbox limit of " + limit + " bytes (max-string-length)");
        }
        return total;
    }

    /** {@code string.rep(s, n [, sep])}; the length is computed without overflow, so huge {@code n} is refused. */
    static final class Rep extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            long n = args.checklong(2);
            LuaString sep = args.optstring(3, EMPTY);
            if (n <= 0 || (s.length() == 0 && sep.length() == 0)) {
                return EMPTY;
            }
            long length;
            try {
                length = Math.addExact(Math.multiplyExact(s.length(), n), Math.multiplyExact(sep.length(), n - 1));
            } catch (ArithmeticException overflow) {
                length = Long.MAX_VALUE;
            }
            check("string.rep", length);
            MeteredLibraryFunctions.chargeBytes(length);
            byte[] out = new byte[(int) length];
            int pos = 0;
            for (long i = 0; i < n; i++) {
                if (i > 0) {
                    sep.copyInto(0, out, pos, sep.length());
                    pos += sep.length();
                }
                s.copyInto(0, out, pos, s.length());
                pos += s.length();
            }
            return LuaString.valueUsing(out);
        }
    }

    /**
     * {@code table.concat(list [, sep [, i [, j]]])} with raw access (as in Lua 5.2): a proxy table cannot answer one
     * length while it is measured and another while it is copied, and a range full of nils fails at its first nil.
     * The default {@code j} is {@code #list}, a {@code __len} metamethod counted, as in Lua 5.2.
     */
    static final class Concat extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable list = args.checktable(1);
            LuaString sep = args.optstring(2, EMPTY);
            long i = args.optlong(3, 1);
            long j = args.isnoneornil(4) ? ListLength.of(list) : args.checklong(4);
            if (i > j) {
                return EMPTY;
            }
            long length = 0;
            for (long k = i; k <= j; k++) {
                length += piece(list, k).length() + (k > i ? sep.length() : 0);
                check("table.concat", length);
            }
            MeteredLibraryFunctions.chargeBytes(length);
            MeteredLibraryFunctions.chargeMoves(j - i + 1);
            byte[] out = new byte[(int) length];
            int pos = 0;
            for (long k = i; k <= j; k++) {
                if (k > i) {
                    sep.copyInto(0, out, pos, sep.length());
                    pos += sep.length();
                }
                LuaString s = piece(list, k);
                s.copyInto(0, out, pos, s.length());
                pos += s.length();
            }
            return LuaString.valueUsing(out);
        }

        private static LuaString piece(LuaTable list, long k) {
            LuaValue v = k == (int) k ? list.rawget((int) k) : LuaValue.NIL;
            if (!v.isstring()) {
                // 5.2.4's wording names the value's type
                throw new LuaError("invalid value (" + v.typename() + ") at index " + k + " in table for 'concat'");
            }
            // A number reads as Lua 5.2 writes it (%.14g), not as LuaJ's strvalue would.
            return v instanceof LuaString s ? s : Conversions.numberText(v);
        }
    }

    /**
     * {@code string.format}: the format plus every argument (a string's length, a number's longest text) plus the
     * widest conversion bounds the result before formatting; the exact length is checked afterwards.
     */
    static final class Format extends VarArgFunction {
        private final LuaValue delegate;

        Format(LuaValue delegate) {
            this.delegate = delegate;
        }

        @Override
        public Varargs invoke(Varargs args) {
            long bound = args.checkstring(1).length();
            for (int a = 2; a <= args.narg(); a++) {
                LuaValue v = args.arg(a);
                bound += (v instanceof LuaString s ? s.length() : 0) + FORMAT_SPEC_ALLOWANCE;
            }
            check("string.format", bound);
            MeteredLibraryFunctions.chargeBytes(bound);
            LuaValue result = delegate.invoke(args).arg1();
            check("string.format", result.rawlen());
            return result;
        }
    }

    /** {@code os.date}: a format of n bytes gives at most {@value #DATE_EXPANSION} n bytes. */
    static final class Date extends VarArgFunction {
        private static final LuaString DEFAULT_FORMAT = LuaString.valueOf("%c");

        @Override
        public Varargs invoke(Varargs args) {
            LuaString format = args.isnoneornil(1) ? DEFAULT_FORMAT : args.checkstring(1);
            check("os.date", (long) format.length() * DATE_EXPANSION);
            // Formatting a date costs a step per byte of the format, as an instruction would be.
            LibraryCharges.chargeLibraryWork(format.length());
            boolean utc = format.length() > 0 && format.luaByte(0) == '!';
            LuaString rest = utc ? format.substring(1, format.length()) : format;
            long time = args.isnoneornil(2) ? System.currentTimeMillis() / 1000 : (long) args.checkdouble(2);
            if (rest.length() == 2 && rest.luaByte(0) == '*' && rest.luaByte(1) == 't') {
                // 5.2.4 compares the whole rest with "*t"; LuaJ's own missed "!*t" and wrote the text "*t"
                return DateFormat.fields(time, utc);
            }
            return DateFormat.format(rest, time, utc);
        }
    }
}
