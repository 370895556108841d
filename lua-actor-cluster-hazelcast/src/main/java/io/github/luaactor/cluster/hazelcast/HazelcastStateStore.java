package io.github.luaactor.cluster.hazelcast;

import java.util.Optional;

import com.hazelcast.map.IMap;

/**
 * Committed actor states in an {@code IMap} (configured by {@link LoopbackHazelcast} / the auto-configuration with
 * one synchronous backup, split-brain protection and {@link HigherRevisionMergePolicy}), with the operations of the
 * durable-state SPI {@code LuaStateStore} (issue #20): load by name, save with the expected revision, delete.
 * Saves run as {@link RevisionedSave} on the owning partition.
 */
public final class HazelcastStateStore {
    private final IMap<String, byte[]> map;

    public HazelcastStateStore(IMap<String, byte[]> map) {
        this.map = map;
    }

    /** Short name of this kind of store, as the durable-state SPI's {@code kind()}. */
    public String kind() {
        return "hazelcast";
    }

    public Optional<StateSnapshot> load(String actor) {
        byte[] record = map.get(actor);
        return record == null ? Optional.empty()
                : Optional.of(new StateSnapshot(StateRecord.revision(record), StateRecord.state(record)));
    }

    /**
     * Replaces the state, or creates it when {@code expectedRevision} is 0; returns the new revision.
     *
     * @throws StateConflictException when the stored revision is not {@code expectedRevision}
     */
    public long save(String actor, byte[] state, long expectedRevision) {
        long result = map.executeOnKey(actor, new RevisionedSave(expectedRevision, state));
        if (result < 0) {
            throw new StateConflictException(actor, expectedRevision, -result - 1);
        }
        return result;
    }

    public void delete(String actor) {
        map.delete(actor);
    }

    /** How many states the map holds in the whole cluster. */
    public int size() {
        return map.size();
    }
}
