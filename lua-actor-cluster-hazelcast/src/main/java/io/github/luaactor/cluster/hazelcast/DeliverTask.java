package io.github.luaactor.cluster.hazelcast;

import java.io.IOException;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * One message on its way to the member that owns its actor, run there by the single-threaded delivery executor
 * (submitted to the key owner, so one partition thread and one executor thread keep the order of one sender's
 * messages). It only enqueues: the reply, when one is wanted, travels back as a {@link ReplyTask}.
 */
// Superseded by DeliverProcessor batches; still run when received, so the class and its behaviour stay public.
public final class DeliverTask implements Runnable, DataSerializable, HazelcastInstanceAware {
    private String actor;
    private String sender;
    private byte[] message;
    private long correlationId;
    private UUID replyTo;
    private transient HazelcastInstance hazelcast;

    /** For Hazelcast's deserialization. */
    public DeliverTask() {
    }

    DeliverTask(String actor, String sender, byte[] message, long correlationId, UUID replyTo) {
        this.actor = actor;
        this.sender = sender;
        this.message = message;
        this.correlationId = correlationId;
        this.replyTo = replyTo;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public void run() {
        HazelcastActorCluster.of(hazelcast).delivered(actor, sender, message, correlationId, replyTo);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(actor);
        out.writeString(sender);
        out.writeByteArray(message);
        out.writeLong(correlationId);
        out.writeBoolean(replyTo != null);
        if (replyTo != null) {
            out.writeLong(replyTo.getMostSignificantBits());
            out.writeLong(replyTo.getLeastSignificantBits());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        actor = in.readString();
        sender = in.readString();
        message = in.readByteArray();
        correlationId = in.readLong();
        replyTo = in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
    }
}
