package io.github.luaactor.core.state;

/**
 * A save expected a revision the store no longer has: another writer (typically a second JVM running the same actor)
 * saved or deleted the state meanwhile.
 */
public class StateConflictException extends StateStoreException {
    private final long expectedRevision;
    private final long actualRevision;

    /** {@code actualRevision} is -1 when the store cannot tell it. */
    public StateConflictException(String actor, long expectedRevision, long actualRevision) {
        super(actor, "Lua actor '" + actor + "': its stored state has revision "
                + (actualRevision < 0 ? "unknown" : String.valueOf(actualRevision)) + " but this actor last saw revision "
                + expectedRevision + "; another process (a second JVM running the same actor?) or a delete has "
                + "written it. Run each durable actor in one process only.");
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    /** For a store whose conflicts have a cause of their own to tell (another cluster member took the actor over). */
    protected StateConflictException(String actor, String message, long expectedRevision, long actualRevision) {
        super(actor, message);
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    /** The revision found, or -1 when unknown. */
    public long actualRevision() {
        return actualRevision;
    }
}
