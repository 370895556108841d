package io.github.luaactor.cluster.hazelcast;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.hazelcast.cluster.Member;

/**
 * The owner member per actor name, so a send does not hash the name into a partition each time. Cleared whenever
 * partitions move or membership changes; a stale entry in between sends a message to the previous owner, which
 * passes it on ({@link Envelope.Deliver#forwarded()}). Bounded: past {@link #MAX_NAMES} names it starts over.
 */
final class OwnerCache {
    static final int MAX_NAMES = 100_000;

    private final ConcurrentHashMap<String, Member> owners = new ConcurrentHashMap<>();
    private final Function<String, Member> lookup;

    /** @param lookup the partition owner now, or null while there is none */
    OwnerCache(Function<String, Member> lookup) {
        this.lookup = lookup;
    }

    /** The owner, or null while no member owns the name's partition (not cached). */
    Member owner(String name) {
        Member owner = owners.get(name);
        if (owner != null) {
            return owner;
        }
        owner = lookup.apply(name);
        if (owner != null) {
            if (owners.size() >= MAX_NAMES) {
                owners.clear();
            }
            owners.put(name, owner);
        }
        return owner;
    }

    void invalidate() {
        owners.clear();
    }
}
