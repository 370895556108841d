package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.Objects;

/**
 * How a member of a Lua actor cluster behaves.
 *
 * @param askTimeout        the longest a cross-member ask waits for its reply before failing with a timeout
 * @param maxMessageBytes   the largest encoded message, reply or state a member sends or accepts
 * @param stateMap          the name of the {@code IMap} that holds committed states
 * @param minClusterSize    split-brain protection: the state map refuses reads and writes on a side of a split with
 *                          fewer members than this (1 turns protection off)
 */
public record ClusterSettings(Duration askTimeout, int maxMessageBytes, String stateMap, int minClusterSize) {
    public static final String DELIVERY_EXECUTOR = "lua-actor-delivery";
    public static final String REPLY_EXECUTOR = "lua-actor-replies";
    /** The map whose entry processors carry deliveries to a partition's owner; it never holds an entry. */
    public static final String INBOX_MAP = "lua-actor-inbox";
    /** Followed by a member's UUID: the topic on which that member takes batches of deliveries and replies. */
    public static final String MEMBER_TOPIC_PREFIX = "lua-actor-member-";
    public static final String SPLIT_BRAIN_PROTECTION = "lua-actor-state-protection";

    public ClusterSettings {
        Objects.requireNonNull(askTimeout, "askTimeout");
        Objects.requireNonNull(stateMap, "stateMap");
        if (askTimeout.isNegative() || askTimeout.isZero()) {
            throw new IllegalArgumentException("askTimeout must be positive, was " + askTimeout);
        }
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 64, was " + maxMessageBytes);
        }
        if (minClusterSize < 1) {
            throw new IllegalArgumentException("minClusterSize must be at least 1, was " + minClusterSize);
        }
    }

    /** 10 s asks, 1 MiB messages, map {@code lua-actor-state}, no split-brain protection. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(Duration.ofSeconds(10), 1 << 20, "lua-actor-state", 1);
    }

    public ClusterSettings withAskTimeout(Duration timeout) {
        return new ClusterSettings(timeout, maxMessageBytes, stateMap, minClusterSize);
    }

    public ClusterSettings withMaxMessageBytes(int bytes) {
        return new ClusterSettings(askTimeout, bytes, stateMap, minClusterSize);
    }

    public ClusterSettings withMinClusterSize(int size) {
        return new ClusterSettings(askTimeout, maxMessageBytes, stateMap, size);
    }
}
