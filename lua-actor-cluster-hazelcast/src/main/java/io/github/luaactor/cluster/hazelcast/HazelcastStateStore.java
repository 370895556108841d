package io.github.luaactor.cluster.hazelcast;

import java.time.Instant;
import java.util.Optional;

import com.hazelcast.map.IMap;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSnapshot;

/**
 * Committed actor states in an {@code IMap} (configured by {@link LoopbackHazelcast} / the auto-configuration with
 * one synchronous backup, split-brain protection and {@link HigherRevisionMergePolicy}): the durable-state store of
 * cluster actors, which run as durable actors saved after each message. Saves run as {@link RevisionedSave} on the
 * owning partition, so an old owner cannot overwrite what a new one saved; such a conflict makes the old owner
 * reload the newer state ({@link #reloadsAfterConflict()}).
 */
public final class HazelcastStateStore implements LuaStateStore {
    private final IMap<String, byte[]> map;

    public HazelcastStateStore(IMap<String, byte[]> map) {
        this.map = map;
    }

    @Override
    public String kind() {
        return "hazelcast";
    }

    @Override
    public Optional<StateSnapshot> load(String actor) {
        byte[] record = map.get(actor);
        return record == null ? Optional.empty()
                : Optional.of(new StateSnapshot(StateRecord.revision(record), StateRecord.state(record),
                        Instant.ofEpochMilli(StateRecord.savedAtMillis(record))));
    }

    /**
     * Replaces the state, or creates it when {@code expectedRevision} is 0; returns the new revision.
     *
     * @throws StateConflictException when the stored revision is not {@code expectedRevision}
     */
    @Override
    public long save(String actor, byte[] state, long expectedRevision) {
        long result = map.executeOnKey(actor, new RevisionedSave(expectedRevision, state, System.currentTimeMillis()));
        if (result < 0) {
            throw new StateConflictException(actor, expectedRevision, -result - 1);
        }
        return result;
    }

    @Override
    public void delete(String actor) {
        map.delete(actor);
    }

    /** A conflict here means that ownership moved: the actor goes on from the new owner's state. */
    @Override
    public boolean reloadsAfterConflict() {
        return true;
    }

    /** How many states the map holds in the whole cluster. */
    public int size() {
        return map.size();
    }
}
