package io.github.luaactor.core.internal.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.Quota;

/**
 * An actor's refusals for its statistics: messages refused, by {@link DeadLetter.Reason}, and calls refused, by
 * {@link Quota}. Each array of counts is made at its first refusal (one is some hundred bytes, and most actors never
 * refuse anything); any thread may count.
 */
final class RefusalCounts {
    private static final VarHandle REJECTED;
    private static final VarHandle QUOTA_REFUSALS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REJECTED = lookup.findVarHandle(ActorCell.class, "rejected", AtomicLongArray.class);
            QUOTA_REFUSALS = lookup.findVarHandle(ActorCell.class, "quotaRefusals", AtomicLongArray.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RefusalCounts() {
    }

    static void rejected(ActorCell cell, DeadLetter.Reason reason) {
        count(cell, REJECTED, DeadLetter.Reason.values().length, reason.ordinal());
    }

    static long rejectedCount(ActorCell cell, DeadLetter.Reason reason) {
        return get(cell, REJECTED, reason.ordinal());
    }

    static void quotaRefused(ActorCell cell, Quota quota) {
        count(cell, QUOTA_REFUSALS, Quota.values().length, quota.ordinal());
    }

    static long quotaRefusedCount(ActorCell cell, Quota quota) {
        return get(cell, QUOTA_REFUSALS, quota.ordinal());
    }

    private static void count(ActorCell cell, VarHandle field, int size, int index) {
        AtomicLongArray counts = (AtomicLongArray) field.getVolatile(cell);
        if (counts == null) {
            AtomicLongArray made = new AtomicLongArray(size);
            AtomicLongArray raced = (AtomicLongArray) field.compareAndExchange(cell, (AtomicLongArray) null, made);
            counts = raced == null ? made : raced;
        }
        counts.incrementAndGet(index);
    }

    private static long get(ActorCell cell, VarHandle field, int index) {
        AtomicLongArray counts = (AtomicLongArray) field.getVolatile(cell);
        return counts == null ? 0 : counts.get(index);
    }
}
