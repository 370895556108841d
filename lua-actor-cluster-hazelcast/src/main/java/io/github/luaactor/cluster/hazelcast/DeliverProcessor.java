package io.github.luaactor.cluster.hazelcast;

import java.io.IOException;
import java.util.Map;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * A batch of deliveries for one partition, as one {@link BatchFrame} byte array, run by the partition's owner on
 * its partition thread against the (always empty) inbox map {@link ClusterSettings#INBOX_MAP}: Hazelcast runs one
 * member's operations for one partition in order, and an entry processor runs on the partition thread itself, with
 * no hand-over to an executor. It stores nothing and has no backup; it only puts messages into mailboxes, or hands
 * the batch to the member's delivery thread when that would need more (an activation, a forward).
 */
public final class DeliverProcessor implements EntryProcessor<Object, Object, Object>, DataSerializable,
        HazelcastInstanceAware {
    private byte[] frame;
    private transient HazelcastInstance hazelcast;

    /** For Hazelcast's deserialization. */
    public DeliverProcessor() {
    }

    DeliverProcessor(byte[] frame) {
        this.frame = frame;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public Object process(Map.Entry<Object, Object> entry) {
        HazelcastActorCluster.of(hazelcast).receivedOnPartitionThread(frame);
        return null;
    }

    @Override
    public EntryProcessor<Object, Object, Object> getBackupProcessor() {
        return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(frame);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        frame = in.readByteArray();
    }
}
