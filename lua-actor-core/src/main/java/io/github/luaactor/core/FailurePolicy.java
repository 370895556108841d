package io.github.luaactor.core;

/** What an actor does after a handler (or its {@code on_started} hook) fails. */
public enum FailurePolicy {
    /** Keep the VM and its state and go on with the next message. */
    RESUME,
    /** Start a fresh VM ({@code ctx.state} reset, {@code on_started} re-run); queued messages are kept. */
    RESTART,
    /** Stop the actor; queued messages become dead letters. */
    STOP
}
