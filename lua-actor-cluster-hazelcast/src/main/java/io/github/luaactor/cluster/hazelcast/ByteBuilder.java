package io.github.luaactor.cluster.hazelcast;

import java.util.Arrays;

/**
 * A growable byte array for the binary forms ({@link WireCodec}, {@link BatchFrame}): what they used of
 * {@code ByteArrayOutputStream}, without its synchronized methods, which cost an atomic operation for every byte
 * of every message (a frame is always built by one thread).
 */
class ByteBuilder {
    protected byte[] buf;
    protected int count;

    ByteBuilder(int capacity) {
        this.buf = new byte[capacity];
    }

    final void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    final void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, count, length);
        count += length;
    }

    final int size() {
        return count;
    }

    final byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }
}
