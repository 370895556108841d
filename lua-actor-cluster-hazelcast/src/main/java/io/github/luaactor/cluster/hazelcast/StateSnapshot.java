package io.github.luaactor.cluster.hazelcast;

/**
 * One committed {@code ctx.state}: the revision it was committed with (1 for the first) and its bytes in
 * {@link WireCodec}'s form. The same shape as the durable-state SPI's snapshot (issue #20).
 */
public record StateSnapshot(long revision, byte[] bytes) {
}
