package io.github.luaactor.core.internal.stdlib;

/**
 * One C printf conversion as Lua 5.2's {@code string.format} accepts it: flags from {@code -+ #0}, a width and a
 * precision of at most two digits each, and the conversion letter. {@code precision} is -1 when absent.
 */
record FormatSpec(boolean left, boolean plus, boolean space, boolean alternate, boolean zero, int width,
        int precision, char conversion) {

    /** A spec with only a precision, for conversions the library makes itself ({@code %.14g}). */
    static FormatSpec ofPrecision(int precision, char conversion) {
        return new FormatSpec(false, false, false, false, false, 0, precision, conversion);
    }

    /** {@code body} (digits, possibly with a prefix such as "0x") with sign and padding applied. */
    String pad(boolean negative, String prefix, String body, boolean zeroPaddable) {
        String sign = negative ? "-" : plus ? "+" : space ? " " : "";
        int length = sign.length() + prefix.length() + body.length();
        if (length >= width) {
            return sign + prefix + body;
        }
        String fill = " ".repeat(width - length);
        if (left) {
            return sign + prefix + body + fill;
        }
        if (zero && zeroPaddable) {
            return sign + prefix + "0".repeat(width - length) + body;
        }
        return fill + sign + prefix + body;
    }
}
