package io.github.luaactor.core.internal.stdlib;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.format} as in Lua 5.2: C printf conversions with flags, width and precision ({@link CNumberFormat}),
 * {@code %s} through {@code tostring}, {@code %q} quoting as Lua reads it back. Every piece appended is checked
 * against the sandbox's string length limit before the result grows.
 */
public final class StringFormat extends VarArgFunction {
    private static final int MAX_SPEC_DIGITS = 2;
    /** Lua copies a {@code %s} argument of this length or more whole when the spec has no precision. */
    private static final int LONG_STRING = 100;

    private final LongConsumer lengthCheck;

    /** {@code lengthCheck} receives the result's length so far and raises when it is too long. */
    public StringFormat(LongConsumer lengthCheck) {
        this.lengthCheck = lengthCheck;
        this.name = "format";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaString format = args.checkstring(1);
        Output out = new Output(format.m_length);
        byte[] f = format.m_bytes;
        int end = format.m_offset + format.m_length;
        int arg = 1;
        for (int i = format.m_offset; i < end; i++) {
            byte b = f[i];
            if (b != '%') {
                out.append(b);
                continue;
            }
            if (++i < end && f[i] == '%') {
                out.append((byte) '%');
                continue;
            }
            // As 5.2.4: the argument is asked for before the conversion is read
            arg++;
            if (arg > args.narg()) {
                throw argError(arg, "no value");
            }
            int specStart = i;
            i = specEnd(f, i, end);
            FormatSpec spec = spec(f, specStart, i);
            convert(out, spec, args.arg(arg), arg);
            lengthCheck.accept(out.length);
        }
        return out.toLuaString();
    }

    private static int specEnd(byte[] f, int i, int end) {
        int flagsFrom = i;
        while (i < end && "-+ #0".indexOf(f[i]) >= 0) {
            i++;
        }
        if (i - flagsFrom >= "-+ #0".length() + 1) {
            throw new LuaError("invalid format (repeated flags)");
        }
        i = skipDigits(f, i, end);
        if (i < end && f[i] == '.') {
            i = skipDigits(f, i + 1, end);
        }
        if (i >= end) {
            // C reads the string's terminating zero as the conversion
            throw new LuaError("invalid option '%\0' to 'format'");
        }
        return i;
    }

    private static int skipDigits(byte[] f, int i, int end) {
        int from = i;
        while (i < end && f[i] >= '0' && f[i] <= '9') {
            i++;
        }
        if (i - from > MAX_SPEC_DIGITS) {
            throw new LuaError("invalid format (width or precision too long)");
        }
        return i;
    }

    private static FormatSpec spec(byte[] f, int from, int conversionAt) {
        boolean left = false;
        boolean plus = false;
        boolean space = false;
        boolean alternate = false;
        boolean zero = false;
        int i = from;
        for (; "-+ #0".indexOf(f[i]) >= 0; i++) {
            switch (f[i]) {
                case '-' -> left = true;
                case '+' -> plus = true;
                case ' ' -> space = true;
                case '#' -> alternate = true;
                default -> zero = true;
            }
        }
        int width = 0;
        for (; f[i] >= '0' && f[i] <= '9'; i++) {
            width = width * 10 + (f[i] - '0');
        }
        int precision = -1;
        if (f[i] == '.') {
            precision = 0;
            for (i++; f[i] >= '0' && f[i] <= '9'; i++) {
                precision = precision * 10 + (f[i] - '0');
            }
        }
        return new FormatSpec(left, plus, space, alternate, zero, width, precision, (char) (f[conversionAt] & 0xff));
    }

    private void convert(Output out, FormatSpec spec, LuaValue v, int arg) {
        switch (spec.conversion()) {
            case 'd', 'i' -> {
                double n = number(v, arg);
                if (!(n >= -0x1p63 && n < 0x1p63)) {
                    throw argError(arg, "not a number in proper range");
                }
                out.append(CNumberFormat.signed(spec, (long) n));
            }
            case 'u', 'o', 'x', 'X' -> {
                double n = number(v, arg);
                if (!CNumberFormat.inUnsignedRange(n)) {
                    throw argError(arg, "not a non-negative number in proper range");
                }
                out.append(CNumberFormat.unsigned(spec, CNumberFormat.toUnsigned(n)));
            }
            case 'c' -> {
                byte[] c = {(byte) number(v, arg)};
                out.append(spec.pad(false, "", new String(c, StandardCharsets.ISO_8859_1), false));
            }
            case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A' -> out.append(CNumberFormat.floating(spec, number(v, arg)));
            case 'q' -> Quoting.quote(out, quotable(v, arg));
            case 's' -> string(out, spec, Conversions.text(v));
            default -> throw new LuaError("invalid option '%" + spec.conversion() + "' to 'format'");
        }
    }

    private static void string(Output out, FormatSpec spec, LuaString s) {
        int length = s.m_length;
        if (spec.precision() < 0 && length >= LONG_STRING) {
            out.append(s.m_bytes, s.m_offset, length);
            return;
        }
        // Else 5.2 formats it with C's sprintf, which ends the string at its first zero byte.
        for (int i = 0; i < length; i++) {
            if (s.m_bytes[s.m_offset + i] == 0) {
                length = i;
                break;
            }
        }
        if (spec.precision() >= 0 && spec.precision() < length) {
            length = spec.precision();
        }
        int fill = Math.max(0, spec.width() - length);
        if (!spec.left()) {
            out.fill((byte) ' ', fill);
        }
        out.append(s.m_bytes, s.m_offset, length);
        if (spec.left()) {
            out.fill((byte) ' ', fill);
        }
    }

    private static LuaString quotable(LuaValue v, int arg) {
        if (v.type() == TNUMBER) {
            return Conversions.numberText(v);
        }
        if (!(v instanceof LuaString s)) {
            throw argError(arg, "string expected, got " + typeName(v));
        }
        return s;
    }

    private static double number(LuaValue v, int arg) {
        LuaValue n = Conversions.tonumber(v);
        if (n.isnil()) {
            throw argError(arg, "number expected, got " + typeName(v));
        }
        return n.todouble();
    }

    private static String typeName(LuaValue v) {
        return v.isnil() ? "nil" : v.typename();
    }

    private static LuaError argError(int arg, String message) {
        return new LuaError("bad argument #" + arg + " to 'format' (" + message + ")");
    }

    /** A growing byte buffer: Lua strings are bytes, and a {@code %s} of binary data must pass unchanged. */
    static final class Output {
        private byte[] bytes;
        private int length;

        Output(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void append(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void append(byte[] b, int offset, int n) {
            ensure(n);
            System.arraycopy(b, offset, bytes, length, n);
            length += n;
        }

        void append(String ascii) {
            byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
            append(b, 0, b.length);
        }

        void fill(byte b, int n) {
            ensure(n);
            Arrays.fill(bytes, length, length + n, b);
            length += n;
        }

        private void ensure(int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            }
        }

        LuaString toLuaString() {
            return LuaString.valueUsing(Arrays.copyOf(bytes, length));
        }
    }
}
