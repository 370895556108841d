package io.github.luaactor.cluster.hazelcast;

import java.io.IOException;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * A batch of messages and replies from one member to another, as one {@link BatchFrame} byte array: Hazelcast
 * serializes a single array instead of an object per message. Run on the receiving member's single-threaded
 * delivery executor. A frame the receiver cannot read (another format version) is refused as a whole, before
 * anything in it is delivered; its asks then fail at the asker with the ask timeout.
 */
public final class BatchTask implements Runnable, DataSerializable, HazelcastInstanceAware {
    private byte[] frame;
    private transient HazelcastInstance hazelcast;

    /** For Hazelcast's deserialization. */
    public BatchTask() {
    }

    BatchTask(byte[] frame) {
        this.frame = frame;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public void run() {
        HazelcastActorCluster.of(hazelcast).received(frame);
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
