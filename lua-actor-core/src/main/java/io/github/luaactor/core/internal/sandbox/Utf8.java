package io.github.luaactor.core.internal.sandbox;

/**
 * Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). Exactly
 * those byte strings survive {@code new String(bytes, UTF_8).getBytes(UTF_8)} unchanged, so a Lua string that passes
 * may cross as a Java {@code String} without losing a byte, and one that fails must cross as bytes.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Whether {@code bytes[offset .. offset + length)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        // Messages are mostly ASCII: settle that in a tight loop before looking at sequences.
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        while (i < end) {
            int n = sequenceLength(bytes, i, end);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** The length of the well-formed UTF-8 sequence at {@code bytes[i]} (before {@code end}), or 0 if there is none. */
    public static int sequenceLength(byte[] bytes, int i, int end) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int extra;
        int min = 0x80;
        int max = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            extra = 1;
        } else if (b >= 0xe0 && b <= 0xef) {
            extra = 2;
            min = b == 0xe0 ? 0xa0 : 0x80; // E0 80..9F would be overlong
            max = b == 0xed ? 0x9f : 0xbf; // ED A0..BF would be a UTF-16 surrogate
        } else if (b >= 0xf0 && b <= 0xf4) {
            extra = 3;
            min = b == 0xf0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            max = b == 0xf4 ? 0x8f : 0xbf; // F4 90.. would be above U+10FFFF
        } else {
            return 0;
        }
        if (end - i <= extra) {
            return 0;
        }
        int second = bytes[i + 1] & 0xff;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k <= extra; k++) {
            int next = bytes[i + k] & 0xff;
            if (next < 0x80 || next > 0xbf) {
                return 0;
            }
        }
        return extra + 1;
    }

    /** Whether all of {@code bytes} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }
}
