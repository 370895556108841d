package io.github.luaactor.cluster.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * After a split brain heals, keeps the state with the higher revision (the side that handled more messages for
 * that actor); on a tie, the state already in the merged cluster stays. Configured by name on the state map.
 */
public final class HigherRevisionMergePolicy
        implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

    @Override
    public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        long incoming = revisionOf(merging.getDeserializedValue());
        long present = revisionOf(existing.getDeserializedValue());
        return incoming > present ? merging.getRawValue() : existing.getRawValue();
    }

    private static long revisionOf(Object value) {
        return value instanceof byte[] record && record.length >= 8 ? StateRecord.revision(record) : 0;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // stateless
    }

    @Override
    public void readData(ObjectDataInput in) {
        // stateless
    }
}
