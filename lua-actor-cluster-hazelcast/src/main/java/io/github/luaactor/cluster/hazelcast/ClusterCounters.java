package io.github.luaactor.cluster.hazelcast;

import java.util.concurrent.atomic.LongAdder;

/** What this member routed, for health, metrics and the endpoint. */
public final class ClusterCounters {
    final LongAdder localAsks = new LongAdder();
    final LongAdder remoteAsks = new LongAdder();
    final LongAdder remoteTells = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder unavailable = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder batched = new LongAdder();

    /** Asks to cluster actors this member owns, from Lua or Java on this member. */
    public long localAsks() {
        return localAsks.sum();
    }

    /** Asks sent to another member. */
    public long remoteAsks() {
        return remoteAsks.sum();
    }

    /** Fire-and-forget messages sent to another member. */
    public long remoteTells() {
        return remoteTells.sum();
    }

    /** Messages other members delivered to actors on this member. */
    public long delivered() {
        return delivered.sum();
    }

    /** Asks failed because their member left before replying. */
    public long unavailable() {
        return unavailable.sum();
    }

    /**
     * Batches of deliveries and replies this member handed to Hazelcast (topic publications, or partition operations
     * and {@link BatchTask}s for members of the previous release).
     */
    public long batchesSent() {
        return batches.sum();
    }

    /** Deliveries and replies those batches carried: over {@link #batchesSent()}, the mean batch size. */
    public long batchedMessages() {
        return batched.sum();
    }
}
