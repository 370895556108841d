package io.github.luaactor.core.internal.pattern;

import java.util.Arrays;

import org.luaj.vm2.LuaString;

/** The growing result of {@code string.gsub}, refused as soon as it would pass the allowed length. */
final class GsubOutput {
    private static final String FUNCTION = "string.gsub";

    private final StepMeter meter;
    private byte[] buffer;
    private int length;

    GsubOutput(int sourceLength, StepMeter meter) {
        this.meter = meter;
        this.buffer = new byte[Math.max(16, Math.min(sourceLength, 1 << 16))];
    }

    void append(LuaString piece) {
        append(piece, 0, piece.length());
    }

    /** Appends bytes {@code from..to} of {@code source}. */
    void append(LuaString source, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        long total = (long) length + n;
        meter.checkLength(FUNCTION, total);
        if (total > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(total, 2L * buffer.length)));
        }
        source.copyInto(from, buffer, length, n);
        length = (int) total;
    }

    LuaString result() {
        return LuaString.valueUsing(Arrays.copyOf(buffer, length));
    }
}
