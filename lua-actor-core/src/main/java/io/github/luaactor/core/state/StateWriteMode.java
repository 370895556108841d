package io.github.luaactor.core.state;

/** When a durable actor saves its {@code ctx.state}. */
public enum StateWriteMode {
    /** After every message (and hook), before the reply: a saved state is never behind what a sender was told. */
    AFTER_EACH_MESSAGE,
    /**
     * At most once per {@link StateSettings#writeInterval()}, after the message that finds the interval passed, and
     * when the actor goes idle or stops: a crash loses at most the messages of one interval.
     */
    WRITE_BEHIND
}
