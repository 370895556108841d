package io.github.luaactor.core.internal.stdlib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C printf's number conversions ({@code d i u o x X c e E f F g G a A}), as glibc prints them: from the exact binary
 * value of the double, rounding half to even. Java's own {@code String.format} differs ({@code %g} keeps trailing
 * zeros, {@code %a} has no exponent sign, {@code %e} of 0 and the flags differ), hence this class.
 */
final class CNumberFormat {
    private static final BigDecimal TWO_POW_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

    private CNumberFormat() {
    }

    /** {@code %d}/{@code %i} of a whole number. */
    static String signed(FormatSpec spec, long value) {
        boolean negative = value < 0;
        String digits = negative ? Long.toUnsignedString(-value) : Long.toString(value);
        return spec.pad(negative, "", minDigits(spec, digits), spec.precision() < 0);
    }

    /** {@code %u %o %x %X} of a value read as an unsigned 64-bit number. */
    static String unsigned(FormatSpec spec, long value) {
        char c = spec.conversion();
        int radix = c == 'o' ? 8 : c == 'u' ? 10 : 16;
        String digits = Long.toUnsignedString(value, radix);
        if (c == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        digits = minDigits(spec, digits);
        String prefix = "";
        if (spec.alternate()) {
            if (c == 'o' && !digits.startsWith("0")) {
                digits = "0" + digits;
            } else if ((c == 'x' || c == 'X') && value != 0) {
                prefix = c == 'x' ? "0x" : "0X";
            }
        }
        FormatSpec unsignedSpec = new FormatSpec(spec.left(), false, false, spec.alternate(), spec.zero(),
                spec.width(), spec.precision(), c);
        return unsignedSpec.pad(false, prefix, digits, spec.precision() < 0);
    }

    /** An exact unsigned 64-bit value of a double in [0, 2^64), truncated toward zero. */
    static long toUnsigned(double d) {
        if (d < 0x1p63) {
            return (long) d;
        }
        return new BigDecimal(d).toBigInteger().longValue();
    }

    static boolean inUnsignedRange(double d) {
        return d > -1 && new BigDecimal(Math.floor(d)).compareTo(TWO_POW_64) < 0;
    }

    /** The precision of an integer conversion: at least that many digits; precision 0 prints 0 as nothing. */
    private static String minDigits(FormatSpec spec, String digits) {
        int p = spec.precision();
        if (p < 0) {
            return digits;
        }
        if (p == 0 && digits.equals("0")) {
            return "";
        }
        return digits.length() >= p ? digits : "0".repeat(p - digits.length()) + digits;
    }

    /** {@code %e %E %f %F %g %G %a %A}. */
    static String floating(FormatSpec spec, double d) {
        char c = spec.conversion();
        boolean upper = Character.isUpperCase(c);
        boolean negative = (Double.doubleToRawLongBits(d) < 0) && !Double.isNaN(d);
        double x = Math.abs(d);
        String body;
        String prefix = "";
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            body = Double.isNaN(x) ? "nan" : "inf";
            return spec.pad(negative, "", upper ? body.toUpperCase(java.util.Locale.ROOT) : body, false);
        }
        int p = spec.precision();
        switch (Character.toLowerCase(c)) {
            case 'f' -> body = fixed(x, p < 0 ? 6 : p, spec.alternate());
            case 'e' -> body = exponential(x, p < 0 ? 6 : p, spec.alternate());
            case 'g' -> body = general(x, p < 0 ? 6 : p == 0 ? 1 : p, spec.alternate());
            default -> {
                prefix = "0x";
                body = hex(x, p, spec.alternate());
            }
        }
        if (upper) {
            body = body.toUpperCase(java.util.Locale.ROOT);
            prefix = prefix.toUpperCase(java.util.Locale.ROOT);
        }
        return spec.pad(negative, prefix, body, true);
    }

    /** {@code %.14g}, which Lua 5.2 uses to turn numbers into strings. */
    static String luaNumber(double d) {
        return floating(FormatSpec.ofPrecision(14, 'g'), d);
    }

    private static String fixed(double x, int precision, boolean alternate) {
        String s = new BigDecimal(x).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return precision == 0 && alternate ? s + "." : s;
    }

    private static String exponential(double x, int precision, boolean alternate) {
        String digits;
        int exponent;
        if (x == 0) {
            digits = "0".repeat(precision + 1);
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(x).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            exponent = rounded.precision() - rounded.scale() - 1;
            if (digits.length() < precision + 1) {
                digits = digits + "0".repeat(precision + 1 - digits.length());
            } else if (digits.length() > precision + 1) {
                digits = digits.substring(0, precision + 1);
            }
        }
        StringBuilder sb = new StringBuilder(digits.length() + 6).append(digits.charAt(0));
        if (precision > 0 || alternate) {
            sb.append('.');
        }
        sb.append(digits, 1, digits.length()).append(exponent < 0 ? "e-" : "e+");
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }

    /** C's %g: %e or %f by the exponent, then (without '#') no trailing zeros. */
    private static String general(double x, int precision, boolean alternate) {
        int exponent;
        if (x == 0) {
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(x).round(new MathContext(precision, RoundingMode.HALF_EVEN));
            exponent = rounded.precision() - rounded.scale() - 1;
        }
        String s = precision > exponent && exponent >= -4 ? fixed(x, precision - 1 - exponent, alternate)
                : exponential(x, precision - 1, alternate);
        return alternate ? s : stripZeros(s);
    }

    private static String stripZeros(String s) {
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') < 0) {
            return s;
        }
        int end = mantissa.length();
        while (mantissa.charAt(end - 1) == '0') {
            end--;
        }
        if (mantissa.charAt(end - 1) == '.') {
            end--;
        }
        return mantissa.substring(0, end) + (e < 0 ? "" : s.substring(e));
    }

    /** glibc's %a: {@code 1.8p+1}; subnormals as {@code 0.xxxp-1022}; trailing zero digits dropped. */
    private static String hex(double x, int precision, boolean alternate) {
        long bits = Double.doubleToRawLongBits(x);
        int biased = (int) ((bits >>> 52) & 0x7ff);
        long fraction = bits & 0xfffffffffffffL;
        long lead = biased == 0 ? 0 : 1;
        int exponent = x == 0 ? 0 : biased == 0 ? -1022 : biased - 1023;
        int digits = 13;
        if (precision >= 0 && precision < 13) {
            int drop = (13 - precision) * 4;
            long mantissa = (lead << 52) | fraction;
            long half = 1L << (drop - 1);
            long rest = mantissa & ((1L << drop) - 1);
            mantissa >>>= drop;
            if (rest > half || (rest == half && (mantissa & 1) == 1)) {
                mantissa++;
            }
            lead = mantissa >>> (precision * 4);
            fraction = mantissa & ((1L << (precision * 4)) - 1);
            digits = precision;
        }
        String hexDigits = digits == 0 ? "" : String.format("%0" + digits + "x", fraction);
        if (precision < 0) {
            int end = hexDigits.length();
            while (end > 0 && hexDigits.charAt(end - 1) == '0') {
                end--;
            }
            hexDigits = hexDigits.substring(0, end);
        } else if (precision > 13) {
            hexDigits = hexDigits + "0".repeat(precision - 13);
        }
        StringBuilder sb = new StringBuilder().append(Long.toHexString(lead));
        if (!hexDigits.isEmpty() || alternate) {
            sb.append('.');
        }
        return sb.append(hexDigits).append(exponent < 0 ? "p-" : "p+").append(Math.abs(exponent)).toString();
    }
}
