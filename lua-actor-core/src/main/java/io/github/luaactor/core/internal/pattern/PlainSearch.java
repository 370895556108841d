package io.github.luaactor.core.internal.pattern;

import org.luaj.vm2.LuaString;

/** {@code string.find} with {@code plain} (or a pattern without special characters): a metered substring search. */
final class PlainSearch {
    private PlainSearch() {
    }

    /** The first index from {@code from} where {@code needle} occurs in {@code haystack}, or -1. */
    static int indexOf(LuaString haystack, LuaString needle, int from, StepMeter meter) {
        int n = needle.length();
        if (n == 0) {
            return from;
        }
        byte[] h = haystack.m_bytes;
        int ho = haystack.m_offset;
        byte[] w = needle.m_bytes;
        int wo = needle.m_offset;
        byte first = w[wo];
        for (int i = from, last = haystack.length() - n; i <= last; i++) {
            meter.scanned();
            if (h[ho + i] != first) {
                continue;
            }
            int k = 1;
            while (k < n && h[ho + i + k] == w[wo + k]) {
                k++;
            }
            meter.scanned(k);
            if (k == n) {
                return i;
            }
        }
        return -1;
    }
}
