package io.github.luaactor.cluster.hazelcast;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A value of the state map: the 8-byte revision, the 8-byte save time (epoch milliseconds), then the state in the
 * durable-state codec's form. The revision leads so that the merge policy and the revision check read it without
 * decoding the state.
 */
final class StateRecord {
    private static final int HEADER = 16;

    private StateRecord() {
    }

    static byte[] of(long revision, long savedAtMillis, byte[] state) {
        return ByteBuffer.allocate(HEADER + state.length).putLong(revision).putLong(savedAtMillis).put(state).array();
    }

    static long revision(byte[] record) {
        return record == null ? 0 : ByteBuffer.wrap(record).getLong();
    }

    static long savedAtMillis(byte[] record) {
        return ByteBuffer.wrap(record).getLong(8);
    }

    static byte[] state(byte[] record) {
        return Arrays.copyOfRange(record, HEADER, record.length);
    }
}
