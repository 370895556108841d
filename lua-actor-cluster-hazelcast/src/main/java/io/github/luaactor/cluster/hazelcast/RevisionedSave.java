package io.github.luaactor.cluster.hazelcast;

import java.util.Map;

import com.hazelcast.map.EntryProcessor;

/**
 * Writes a state on the partition that owns it, only when the stored revision is still the one the writer last
 * saw: an old owner that still runs an actor after ownership moved can never overwrite a newer state. Returns the
 * new revision, or {@code -(stored revision) - 1} when the check failed. Backups run the same processor in the
 * primary's order (Hazelcast's default backup processor), so they reach the same record.
 */
final class RevisionedSave implements EntryProcessor<String, byte[], Long> {
    private static final long serialVersionUID = 1L;

    private final long expectedRevision;
    private final byte[] state;
    private final long savedAtMillis;

    RevisionedSave(long expectedRevision, byte[] state, long savedAtMillis) {
        this.expectedRevision = expectedRevision;
        this.state = state;
        this.savedAtMillis = savedAtMillis;
    }

    @Override
    public Long process(Map.Entry<String, byte[]> entry) {
        long stored = StateRecord.revision(entry.getValue());
        if (stored != expectedRevision) {
            return -stored - 1;
        }
        entry.setValue(StateRecord.of(stored + 1, savedAtMillis, state));
        return stored + 1;
    }
}
