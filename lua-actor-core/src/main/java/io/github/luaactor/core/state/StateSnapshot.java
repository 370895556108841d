package io.github.luaactor.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved {@code ctx.state}: the bytes of {@link LuaStateCodec}'s format and the revision they were saved with.
 *
 * @param revision  1 for the first save, one more for each later one
 * @param bytes     the encoded state; not copied, callers must not modify it
 * @param updatedAt when it was saved
 */
public record StateSnapshot(long revision, byte[] bytes, Instant updatedAt) {
    public StateSnapshot {
        if (revision < 1) {
            throw new IllegalArgumentException("a stored snapshot has a revision >= 1, was " + revision);
        }
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
