package io.github.luaactor.cluster.hazelcast;

import java.nio.ByteBuffer;

/**
 * The variable-length integers and length-prefixed byte fields both binary forms of the cluster use (a message's
 * {@link WireCodec} and a batch's {@link BatchFrame}): seven bits a byte, low first, the high bit set on every byte
 * but the last.
 */
final class VarInts {
    /** Where the bytes go: the writer's own {@code write(byte)}, which may check a size limit. */
    @FunctionalInterface
    interface ByteSink {
        void put(byte b);
    }

    private VarInts() {
    }

    static void write(long value, ByteSink out) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    static long read(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed variable-length integer");
    }

    /** A length-prefixed field; {@code what} names it in the error for a length past the end of the input. */
    static byte[] readBytes(ByteBuffer in, String what) {
        long length = read(in);
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("malformed " + what + " of " + length + " bytes");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return bytes;
    }
}
