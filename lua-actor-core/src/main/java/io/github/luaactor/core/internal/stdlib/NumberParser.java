package io.github.luaactor.core.internal.stdlib;

/**
 * Lua 5.2's string-to-number conversion ({@code tonumber} and {@code string.format}'s number arguments): surrounding
 * white space allowed, decimal with optional exponent, hexadecimal with optional fraction and binary exponent, an
 * optional sign for both; no {@code inf} or {@code nan}. LuaJ's own raises an ArrayIndexOutOfBoundsException for
 * {@code "0x"} and refuses hexadecimal fractions.
 */
public final class NumberParser {
    private NumberParser() {
    }

    /** The number {@code s} denotes, or NaN when it is not a numeral (a numeral is never NaN). */
    public static double parse(byte[] s, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && isSpace(s[i])) {
            i++;
        }
        while (end > i && isSpace(s[end - 1])) {
            end--;
        }
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        int digitsFrom = i;
        if (s[i] == '-' || s[i] == '+') {
            negative = s[i] == '-';
            digitsFrom++;
        }
        if (digitsFrom + 1 < end && s[digitsFrom] == '0' && (s[digitsFrom + 1] | 0x20) == 'x') {
            double v = hex(s, digitsFrom + 2, end);
            return negative ? -v : v;
        }
        return decimal(s, i, end);
    }

    /** {@code tonumber(s, base)}: an optional '-', then at least one digit of the base; NaN otherwise. */
    static double parse(byte[] s, int offset, int length, int base) {
        int i = offset;
        int end = offset + length;
        while (i < end && isSpace(s[i])) {
            i++;
        }
        while (end > i && isSpace(s[end - 1])) {
            end--;
        }
        boolean negative = i < end && s[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end) {
            return Double.NaN;
        }
        double v = 0;
        for (; i < end; i++) {
            int d = digit(s[i]);
            if (d < 0 || d >= base) {
                return Double.NaN;
            }
            v = v * base + d;
        }
        return negative ? -v : v;
    }

    private static double decimal(byte[] s, int from, int end) {
        int i = from;
        if (s[i] == '-' || s[i] == '+') {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(s[i])) {
            i++;
            digits++;
        }
        if (i < end && s[i] == '.') {
            i++;
            while (i < end && isDigit(s[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (s[i] | 0x20) == 'e') {
            i++;
            if (i < end && (s[i] == '-' || s[i] == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(s[i])) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
        }
        if (i != end) {
            return Double.NaN;
        }
        // Only ASCII digits, signs, '.' and 'e' reached here, which Java reads exactly as C's strtod does.
        return Double.parseDouble(new String(s, from, end - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Hexadecimal digits with an optional fraction and an optional {@code p} exponent (in powers of 2). */
    private static double hex(byte[] s, int from, int end) {
        int i = from;
        double mantissa = 0;
        int exponent = 0;
        int digits = 0;
        while (i < end && digit(s[i]) >= 0 && digit(s[i]) < 16) {
            mantissa = mantissa * 16 + digit(s[i++]);
            digits++;
        }
        if (i < end && s[i] == '.') {
            i++;
            while (i < end && digit(s[i]) >= 0 && digit(s[i]) < 16) {
                mantissa = mantissa * 16 + digit(s[i++]);
                exponent -= 4;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < end && (s[i] | 0x20) == 'p') {
            i++;
            boolean negative = i < end && s[i] == '-';
            if (i < end && (s[i] == '-' || s[i] == '+')) {
                i++;
            }
            int e = 0;
            int exponentDigits = 0;
            while (i < end && isDigit(s[i])) {
                e = Math.min(e * 10 + (s[i++] - '0'), 100_000);
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            exponent += negative ? -e : e;
        }
        return i == end ? Math.scalb(mantissa, exponent) : Double.NaN;
    }

    private static int digit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'z' ? lower - 'a' + 10 : -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
