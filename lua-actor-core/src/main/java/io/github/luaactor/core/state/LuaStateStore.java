package io.github.luaactor.core.state;

import java.util.Optional;

/**
 * Where durable actors keep their {@code ctx.state}: one snapshot per actor name, guarded by a revision.
 * <p>
 * Revisions make a second writer visible. A snapshot that does not exist has revision 0; every successful save
 * returns the next revision. A save names the revision it expects to replace and must fail with
 * {@link StateConflictException} when the stored one differs: another process (two JVMs started with the same
 * actor) or a delete has written meanwhile. Implementations must be safe for use by many actors at once; one actor
 * never calls its store concurrently with itself.
 */
public interface LuaStateStore {

    /** Short name of this kind of store, shown by the endpoint and in metrics tags, such as {@code jdbc}. */
    String kind();

    /**
     * The stored snapshot of an actor, empty when it has none.
     *
     * @throws StateStoreException when the store cannot be read
     */
    Optional<StateSnapshot> load(String actor);

    /**
     * Replaces the actor's snapshot, or creates it when {@code expectedRevision} is 0.
     *
     * @return the new revision ({@code expectedRevision + 1})
     * @throws StateConflictException when the stored revision is not {@code expectedRevision}
     * @throws StateStoreException    when the store cannot be written
     */
    long save(String actor, byte[] state, long expectedRevision);

    /**
     * Removes the actor's snapshot, if any; the actor's next save must then expect revision 0.
     *
     * @throws StateStoreException when the store cannot be written
     */
    void delete(String actor);

    /**
     * Whether a {@link StateConflictException} means that another owner took the actor over legitimately (a
     * cluster moved it), so the actor should go on from the stored snapshot instead of the one it last saved. False
     * (the default) keeps the rule of one process per durable actor: the actor keeps its own state and every later
     * save conflicts too, until it is restarted.
     */
    default boolean reloadsAfterConflict() {
        return false;
    }
}
