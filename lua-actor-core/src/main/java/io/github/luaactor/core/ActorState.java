package io.github.luaactor.core;

/** The life cycle of an actor. */
public enum ActorState {
    STARTING, RUNNING, RESTARTING, STOPPING, STOPPED,
    /** Stopped because failures exceeded its supervision limits. */
    FAILED;

    public boolean isAlive() {
        return this == STARTING || this == RUNNING || this == RESTARTING;
    }
}
