package io.github.luaactor.cluster.hazelcast;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A value of the state map: the 8-byte revision, then the state in {@link WireCodec}'s form. The revision leads so
 * that the merge policy and the revision check read it without decoding the state.
 */
final class StateRecord {
    private StateRecord() {
    }

    static byte[] of(long revision, byte[] state) {
        return ByteBuffer.allocate(8 + state.length).putLong(revision).put(state).array();
    }

    static long revision(byte[] record) {
        return record == null ? 0 : ByteBuffer.wrap(record).getLong();
    }

    static byte[] state(byte[] record) {
        return Arrays.copyOfRange(record, 8, record.length);
    }
}
