package io.github.luaactor.cluster.hazelcast;

/**
 * A commit expected a revision the state map no longer has: another member ran the actor meanwhile (ownership moved
 * while this member still had it). The message that caused the commit fails with this exception, and the actor
 * reloads the newer state.
 */
public class StateConflictException extends io.github.luaactor.core.state.StateConflictException {

    public StateConflictException(String actor, long expectedRevision, long actualRevision) {
        super(actor, "Lua actor '" + actor + "': its committed state has revision " + actualRevision
                + " but this member last saw revision " + expectedRevision + "; another member has run this actor"
                + " meanwhile (ownership moved), so this message's state change was not committed",
                expectedRevision, actualRevision);
    }
}
