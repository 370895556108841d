package io.github.luaactor.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko's wire format for {@link ShardedLua}'s messages, bound to {@link ShardedLua.Wire} in the members' config.
 * A hand-written binary form (an int and, for requests, the reply-to actor's path) rather than Jackson: it is the
 * cheapest a user could write, so the baseline is not slowed by a general-purpose serializer. Pekko creates it
 * through the {@link ExtendedActorSystem} constructor.
 */
public final class ShardedLuaSerializer extends SerializerWithStringManifest {
    /** Any id outside Pekko's reserved 0–40 that no other serializer of the benchmark uses. */
    static final int IDENTIFIER = 214_021;
    private static final String ASK = "A";
    private static final String WHERE = "W";
    private static final String ANSWER = "R";

    private final ActorRefResolver resolver;

    public ShardedLuaSerializer(ExtendedActorSystem system) {
        this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        return switch (message) {
            case ShardedLua.Ask ignored -> ASK;
            case ShardedLua.Where ignored -> WHERE;
            case ShardedLua.Answer ignored -> ANSWER;
            default -> throw new IllegalArgumentException("not a ShardedLua message: " + message.getClass());
        };
    }

    @Override
    public byte[] toBinary(Object message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (message) {
                case ShardedLua.Ask a -> {
                    out.writeInt(a.value());
                    out.writeUTF(resolver.toSerializationFormat(a.replyTo()));
                }
                case ShardedLua.Where w -> out.writeUTF(resolver.toSerializationFormat(w.replyTo()));
                case ShardedLua.Answer r -> out.writeInt(r.value());
                default -> throw new IllegalArgumentException("not a ShardedLua message: " + message.getClass());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return switch (manifest) {
                case ASK -> new ShardedLua.Ask(in.readInt(), this.<ShardedLua.Answer>ref(in.readUTF()));
                case WHERE -> new ShardedLua.Where(this.<ShardedLua.Answer>ref(in.readUTF()));
                case ANSWER -> new ShardedLua.Answer(in.readInt());
                default -> throw new NotSerializableException("unknown ShardedLua manifest '" + manifest + "'");
            };
        } catch (NotSerializableException e) {
            throw e;
        } catch (IOException e) {
            NotSerializableException failure = new NotSerializableException("corrupt ShardedLua message " + manifest);
            failure.initCause(e);
            throw failure;
        }
    }

    private <T> ActorRef<T> ref(String path) {
        return resolver.resolveActorRef(path);
    }
}
