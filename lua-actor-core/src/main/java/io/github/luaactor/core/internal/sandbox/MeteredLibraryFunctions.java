package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.ListLength;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Library functions that loop in Java over their input, wrapped to charge that work to the running handler's budget
 * (so its clock is read as often as for instructions) and, for those that return one value per element, to refuse
 * more results than the reference Lua's stack allows before LuaJ allocates them.
 */
final class MeteredLibraryFunctions {
    /** Bytes of input one charged step stands for, as for pattern matching. */
    static final int BYTES_PER_STEP = 64;
    /** Values returned or moved per charged step. */
    static final int VALUES_PER_STEP = 8;
    /**
     * Most values {@code string.byte} and {@code table.unpack} return: the reference Lua's stack limit
     * (LUAI_MAXSTACK), beyond which it raises the same errors; LuaJ would allocate 1 GiB for 2^28 results.
     */
    static final int MAX_RESULTS = 1_000_000;

    private MeteredLibraryFunctions() {
    }

    /** Work over {@code bytes} of input that builds a string as long. */
    static void chargeBytes(long bytes) {
        LibraryCharges.chargeLibraryWork(bytes / BYTES_PER_STEP);
        LibraryCharges.chargeAllocationOnThisThread(bytes + RetainedSize.STRING_BYTES);
    }

    /** Work that returns {@code values} values (each a register or table slot). */
    static void chargeValues(long values) {
        LibraryCharges.chargeLibraryWork(values / VALUES_PER_STEP);
        LibraryCharges.chargeAllocationOnThisThread(values * RetainedSize.ENTRY_BYTES);
    }

    /** Work over {@code values} values that allocates nothing (a sort, a shift). */
    static void chargeMoves(long values) {
        LibraryCharges.chargeLibraryWork(values / VALUES_PER_STEP);
    }

    /**
     * A function that turns a text into values in Java ({@code load}, {@code json.decode}): charged the work over the
     * text before it runs (so that a handler calling it in a loop reads its clock as often as if it ran
     * instructions) and, once it returned a value, {@code madeBytes} plus {@code bytesPerByte} per byte of text as
     * allocation: an upper estimate of what it built where the hook never sees it, which the walk counts from then on.
     */
    static final class ByText extends VarArgFunction {
        private final LuaValue delegate;
        private final long madeBytes;
        private final long bytesPerByte;

        ByText(LuaValue delegate, String name, long madeBytes, long bytesPerByte) {
            this.delegate = delegate;
            this.name = name;
            this.madeBytes = madeBytes;
            this.bytesPerByte = bytesPerByte;
        }

        @Override
        public Varargs invoke(Varargs args) {
            long length = args.arg1() instanceof LuaString text ? text.m_length : 0;
            LibraryCharges.chargeLibraryWork(length / BYTES_PER_STEP);
            Varargs made = delegate.invoke(args);
            if (!made.arg1().isnil()) {
                LibraryCharges.chargeAllocationOnThisThread(madeBytes + length * bytesPerByte);
            }
            return made;
        }
    }

    /** Wraps a function whose work is proportional to the length of its string first argument. */
    static final class ByLength extends VarArgFunction {
        private final LuaValue delegate;

        ByLength(LuaValue delegate) {
            this.delegate = delegate;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue s = args.arg1();
            if (s instanceof LuaString string) {
                chargeBytes(string.m_length);
            }
            return delegate.invoke(args);
        }
    }

    /**
     * {@code string.byte(s [, i [, j]])} as 5.2.4's {@code str_byte}, positions as 64-bit integers (LuaJ cut them to
     * 32 bits, so {@code ('abc'):byte(2^32 + 1)} gave 97): at most {@value #MAX_RESULTS} results, each charged.
     */
    static final class Byte extends VarArgFunction {
        Byte() {
            this.name = "byte";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            long len = s.m_length;
            long start = StringSub.position(args.optlong(2, 1), len);
            // j defaults to i before i is moved to 1: ('abc'):byte(0) is nothing
            long j = Math.min(len, args.isnoneornil(3) ? start : StringSub.position(args.checklong(3), len));
            long i = Math.max(1, start);
            if (i > j) {
                return NONE;
            }
            long n = j - i + 1;
            if (n > MAX_RESULTS) {
                throw new LuaError("bad argument #3 to 'byte' (string slice too long: " + n + " results, the "
                        + "sandbox returns at most " + MAX_RESULTS + ")");
            }
            chargeValues(n);
            LuaValue[] bytes = new LuaValue[(int) n];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = valueOf(s.luaByte((int) (i - 1) + k));
            }
            return varargsOf(bytes);
        }
    }

    /** {@code table.unpack(list [, i [, j]])}: at most {@value #MAX_RESULTS} results. */
    static final class Unpack extends VarArgFunction {
        private final LuaValue delegate;

        Unpack(LuaValue delegate) {
            this.delegate = delegate;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaTable list = args.checktable(1);
            long i = args.optlong(2, 1);
            boolean toLength = args.isnoneornil(3);
            // #list once: __len is Lua code, and what is charged must be what is unpacked
            long j = toLength ? ListLength.of(list) : args.checklong(3);
            if (i <= j) {
                long n = j - i + 1;
                if (n <= 0 || n > MAX_RESULTS) {
                    throw new LuaError("too many results to unpack (" + (n <= 0 ? "more than 2^63" : n)
                            + "; the sandbox returns at most " + MAX_RESULTS + ")");
                }
                chargeValues(n);
            }
            return delegate.invoke(toLength ? varargsOf(list, args.arg(2), valueOf(j)) : args);
        }
    }
}
