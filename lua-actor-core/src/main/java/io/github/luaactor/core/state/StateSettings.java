package io.github.luaactor.core.state;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how an actor keeps its {@code ctx.state} in a {@link LuaStateStore}. {@link #NONE} (the default) keeps
 * it in the VM only, as actors always did: lost when the actor restarts or the JVM stops, and free of any cost.
 *
 * @param store         where the state is kept; {@code null} for {@link #NONE}
 * @param writeMode     when it is saved
 * @param writeInterval with {@link StateWriteMode#WRITE_BEHIND}, the longest time between two saves of a changed
 *                      state (the most a crash can lose)
 * @param maxStateSize  largest encoded state, in bytes; a larger one fails the message and is not saved
 */
public record StateSettings(LuaStateStore store, StateWriteMode writeMode, Duration writeInterval, int maxStateSize) {

    public static final int DEFAULT_MAX_STATE_SIZE = 1024 * 1024;
    public static final Duration DEFAULT_WRITE_INTERVAL = Duration.ofSeconds(1);

    /** State in the VM only. */
    public static final StateSettings NONE = new StateSettings(null, StateWriteMode.AFTER_EACH_MESSAGE,
            DEFAULT_WRITE_INTERVAL, DEFAULT_MAX_STATE_SIZE);

    public StateSettings {
        Objects.requireNonNull(writeMode, "writeMode");
        Objects.requireNonNull(writeInterval, "writeInterval");
        if (writeInterval.isNegative() || writeInterval.isZero()) {
            throw new IllegalArgumentException("writeInterval must be > 0, was " + writeInterval);
        }
        if (maxStateSize <= 0) {
            throw new IllegalArgumentException("maxStateSize must be > 0, was " + maxStateSize);
        }
    }

    /** Saved to {@code store} after each message, with the default size limit. */
    public static StateSettings durable(LuaStateStore store) {
        return new StateSettings(Objects.requireNonNull(store, "store"), StateWriteMode.AFTER_EACH_MESSAGE,
                DEFAULT_WRITE_INTERVAL, DEFAULT_MAX_STATE_SIZE);
    }

    /** Whether the state is kept in a store. */
    public boolean isDurable() {
        return store != null;
    }

    public StateSettings withStore(LuaStateStore value) {
        return new StateSettings(value, writeMode, writeInterval, maxStateSize);
    }

    public StateSettings withWriteMode(StateWriteMode value) {
        return new StateSettings(store, value, writeInterval, maxStateSize);
    }

    public StateSettings withWriteInterval(Duration value) {
        return new StateSettings(store, writeMode, value, maxStateSize);
    }

    public StateSettings withMaxStateSize(int value) {
        return new StateSettings(store, writeMode, writeInterval, value);
    }
}
