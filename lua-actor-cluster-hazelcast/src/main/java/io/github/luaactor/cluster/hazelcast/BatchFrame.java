package io.github.luaactor.cluster.hazelcast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary form of a batch of {@link Envelope}s from one member to another: a version byte, a count, then per
 * envelope a kind byte, the actor's name, the correlation id and the kind's fields (strings length-prefixed UTF-8,
 * numbers variable-length, payloads length-prefixed {@link WireCodec} bytes). Envelopes are encoded one by one as
 * they are sent ({@link #envelope}), so a message over the limit fails at its sender; {@link #frame} joins them.
 * A member refuses a frame version it does not know and a frame over {@link #frameLimit}.
 */
final class BatchFrame {
    static final byte VERSION = 1;
    /** Room for an envelope's header (names, ids, a failure's message) beyond its payload's limit. */
    static final int HEADER_ALLOWANCE = 64 * 1024;
    private static final int MAX_FAILURE_CHARS = 16 * 1024;
    private static final byte DELIVER = 1;
    private static final byte DELIVER_FORWARDED = 2;
    private static final byte REPLY = 3;
    private static final byte FAILURE = 4;

    private final int messageLimit;

    BatchFrame(int messageLimit) {
        this.messageLimit = messageLimit;
    }

    /** The largest frame a member sends or accepts: one message at its limit with its header, or a full batch. */
    int frameLimit() {
        return messageLimit + HEADER_ALLOWANCE;
    }

    /** @throws MessageTooLargeException when the envelope with its header exceeds the frame limit */
    byte[] envelope(Envelope envelope) {
        Out out = new Out();
        switch (envelope) {
            case Envelope.Deliver d -> {
                out.write(d.forwarded() ? DELIVER_FORWARDED : DELIVER);
                out.string(d.actor());
                out.varLong(d.correlationId());
                out.nullableString(d.sender());
                if (d.correlationId() != 0) {
                    out.uuid(d.replyTo());
                }
                out.bytes(d.payload());
            }
            case Envelope.Reply r -> {
                out.write(REPLY);
                out.string(r.actor());
                out.varLong(r.correlationId());
                out.bytes(r.payload());
            }
            case Envelope.Failure f -> {
                out.write(FAILURE);
                out.string(f.actor());
                out.varLong(f.correlationId());
                out.string(f.type());
                String message = f.message();
                out.string(message.length() > MAX_FAILURE_CHARS ? message.substring(0, MAX_FAILURE_CHARS) : message);
            }
        }
        if (out.size() > frameLimit() - 16) {
            throw new MessageTooLargeException(envelope.actor(), out.size(), frameLimit() - 16);
        }
        return out.toByteArray();
    }

    /** Joins envelopes made by {@link #envelope} into one frame. */
    static byte[] frame(List<byte[]> envelopes) {
        int size = 11;
        for (byte[] e : envelopes) {
            size += e.length;
        }
        Out out = new Out(size);
        out.write(VERSION);
        out.varLong(envelopes.size());
        for (byte[] e : envelopes) {
            out.write(e, 0, e.length);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException for an unknown version, a frame over the limit or malformed bytes */
    List<Envelope> read(byte[] frame) {
        if (frame.length > frameLimit()) {
            throw new IllegalArgumentException("A message batch of " + frame.length + " bytes exceeds the limit of "
                    + frameLimit() + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("Message batch format version " + version + " is not supported (this"
                    + " member reads version " + VERSION + "); run one release on all members");
        }
        long count = varLong(in);
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("malformed message batch of " + count + " envelopes");
        }
        List<Envelope> envelopes = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            envelopes.add(readEnvelope(in));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the end of a message batch");
        }
        return envelopes;
    }

    private static Envelope readEnvelope(ByteBuffer in) {
        byte kind = in.get();
        String actor = string(in);
        long id = varLong(in);
        return switch (kind) {
            case DELIVER, DELIVER_FORWARDED -> {
                String sender = in.get() == 0 ? null : string(in);
                UUID replyTo = id != 0 ? new UUID(in.getLong(), in.getLong()) : null;
                yield new Envelope.Deliver(actor, sender, id, replyTo, bytes(in), kind == DELIVER_FORWARDED);
            }
            case REPLY -> new Envelope.Reply(actor, id, bytes(in));
            case FAILURE -> new Envelope.Failure(actor, id, string(in), string(in));
            default -> throw new IllegalArgumentException("unknown envelope kind " + kind);
        };
    }

    private static long varLong(ByteBuffer in) {
        return VarInts.read(in);
    }

    private static byte[] bytes(ByteBuffer in) {
        return VarInts.readBytes(in, "field");
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static final class Out extends ByteBuilder {
        Out() {
            this(64);
        }

        Out(int capacity) {
            super(capacity);
        }

        void write(byte b) {
            super.write(b);
        }

        void varLong(long value) {
            VarInts.write(value, this::write);
        }

        void bytes(byte[] bytes) {
            varLong(bytes.length);
            write(bytes, 0, bytes.length);
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void nullableString(String s) {
            write((byte) (s == null ? 0 : 1));
            if (s != null) {
                string(s);
            }
        }

        void uuid(UUID id) {
            byte[] bytes = new byte[16];
            ByteBuffer.wrap(bytes).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            write(bytes, 0, 16);
        }
    }
}
