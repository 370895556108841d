package io.github.luaactor.cluster.hazelcast;

import java.io.IOException;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

/**
 * The reply to a {@link DeliverTask}, run on the asking member: the handler's return value in {@link WireCodec}'s
 * form, or the failure's type and message (exceptions do not cross members as objects: a member may not have the
 * class, and the message already names the actor, script and line).
 */
// Superseded by reply envelopes in BatchTask; still run when received, so the class and its behaviour stay public.
public final class ReplyTask implements Runnable, DataSerializable, HazelcastInstanceAware {
    private String actor;
    private long correlationId;
    private byte[] reply;
    private String failureType;
    private String failureMessage;
    private transient HazelcastInstance hazelcast;

    /** For Hazelcast's deserialization. */
    public ReplyTask() {
    }

    static ReplyTask success(String actor, long correlationId, byte[] reply) {
        ReplyTask task = new ReplyTask();
        task.actor = actor;
        task.correlationId = correlationId;
        task.reply = reply;
        return task;
    }

    static ReplyTask failure(String actor, long correlationId, Throwable failure) {
        ReplyTask task = new ReplyTask();
        task.actor = actor;
        task.correlationId = correlationId;
        task.failureType = failure.getClass().getSimpleName();
        task.failureMessage = String.valueOf(failure.getMessage());
        return task;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public void run() {
        HazelcastActorCluster.of(hazelcast).replied(actor, correlationId, reply, failureType, failureMessage);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(actor);
        out.writeLong(correlationId);
        out.writeByteArray(reply);
        out.writeString(failureType);
        out.writeString(failureMessage);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        actor = in.readString();
        correlationId = in.readLong();
        reply = in.readByteArray();
        failureType = in.readString();
        failureMessage = in.readString();
    }
}
