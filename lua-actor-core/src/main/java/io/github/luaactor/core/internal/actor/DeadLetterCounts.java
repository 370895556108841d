package io.github.luaactor.core.internal.actor;

import java.util.concurrent.atomic.AtomicLongArray;

import io.github.luaactor.core.DeadLetter;

/**
 * An actor's refused messages by reason, for its statistics. The counts are made at the first refusal: an array of
 * one count per reason is about a hundred bytes, and most actors never refuse a message.
 */
final class DeadLetterCounts {
    private DeadLetterCounts() {
    }

    static void count(ActorCell cell, DeadLetter.Reason reason) {
        AtomicLongArray counts = cell.rejected;
        if (counts == null) {
            synchronized (cell) {
                counts = cell.rejected;
                if (counts == null) {
                    counts = new AtomicLongArray(DeadLetter.Reason.values().length);
                    cell.rejected = counts;
                }
            }
        }
        counts.incrementAndGet(reason.ordinal());
    }

    static long get(ActorCell cell, DeadLetter.Reason reason) {
        AtomicLongArray counts = cell.rejected;
        return counts == null ? 0 : counts.get(reason.ordinal());
    }
}
