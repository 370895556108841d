package io.github.luaactor.core.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

import io.github.luaactor.core.internal.sandbox.NegativeZero;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The binary format of a saved {@code ctx.state} (documented in docs/state.md, "Format"). Version 1:
 * <pre>
 * state   = format-byte(0x01) value
 * value   = 0x00                         nil (only as the whole state)
 *         | 0x01 | 0x02                  false | true
 *         | 0x03 int32                   a LuaJ integer
 *         | 0x04 float64                 any other number, IEEE 754 bits
 *         | 0x05 uvarint(n) n bytes      a string, its bytes exactly as Lua holds them
 *         | 0x06 uvarint(n) n*(key value) a table; keys are booleans, numbers or strings
 * </pre>
 * Multi-byte numbers are big-endian; uvarint is 7 bits per byte, low group first, high bit set on all but the last.
 * A table reached twice is written twice (and read back as two tables); one that contains itself, functions,
 * coroutines and userdata cannot be saved. Metatables are not saved.
 */
public final class LuaStateCodec {
    /** The format byte this version writes; older ones stay readable when a later version changes the format. */
    public static final byte FORMAT_1 = 1;
    /** Deeper tables are refused (and this bounds the codec's recursion). */
    public static final int MAX_DEPTH = 100;

    static final int NIL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int INT = 3;
    static final int DOUBLE = 4;
    static final int STRING = 5;
    static final int TABLE = 6;

    private LuaStateCodec() {
    }

    /**
     * Encodes a state.
     *
     * @throws StateTooLargeException when the encoding would exceed {@code maxSize} bytes
     * @throws StateStoreException    naming the path of a value that cannot be saved
     */
    public static byte[] encode(String actor, LuaValue state, int maxSize) {
        Writer writer = new Writer(actor, maxSize);
        writer.out.write(FORMAT_1);
        writer.value(state, 0);
        return writer.out.toByteArray();
    }

    /**
     * Decodes a state written by {@link #encode}.
     *
     * @throws StateStoreException when the bytes are not a state of a known format version
     */
    public static LuaValue decode(String actor, byte[] bytes) {
        if (bytes.length == 0) {
            throw corrupt(actor, "it is empty");
        }
        if (bytes[0] != FORMAT_1) {
            throw new StateStoreException(actor, "Lua actor '" + actor + "': its saved state has format version "
                    + (bytes[0] & 0xff) + ", which this version of lua-actor cannot read (it reads version "
                    + FORMAT_1 + ")");
        }
        Reader reader = new Reader(actor, bytes);
        LuaValue value = reader.value(0, true);
        if (reader.position != bytes.length) {
            throw corrupt(actor, (bytes.length - reader.position) + " bytes follow the state");
        }
        return value;
    }

    static StateStoreException corrupt(String actor, String detail) {
        return new StateStoreException(actor, "Lua actor '" + actor + "': its saved state is corrupt: " + detail);
    }

    private static final class Writer {
        final String actor;
        final BoundedBuffer out;
        /** Keys from ctx.state down to the value being written, for error messages. */
        final List<LuaValue> path = new ArrayList<>();
        final IdentityHashMap<LuaTable, Boolean> open = new IdentityHashMap<>();

        Writer(String actor, int maxSize) {
            this.actor = actor;
            this.out = new BoundedBuffer(actor, maxSize);
        }

        void value(LuaValue v, int depth) {
            switch (v.type()) {
                case LuaValue.TNIL -> {
                    if (depth > 0) {
                        throw refuse("is nil");
                    }
                    out.write(NIL);
                }
                case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? TRUE : FALSE);
                case LuaValue.TNUMBER -> number(v);
                case LuaValue.TSTRING -> string((LuaString) v.checkstring());
                case LuaValue.TTABLE -> table((LuaTable) v, depth);
                default -> throw refuse("holds a value of type '" + v.typename()
                        + "'; only nil, booleans, numbers, strings and tables can be saved");
            }
        }

        void number(LuaValue v) {
            if (v instanceof LuaInteger) {
                out.write(INT);
                out.writeInt(v.toint());
            } else {
                out.write(DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(v.todouble()));
            }
        }

        void string(LuaString s) {
            out.write(STRING);
            out.writeVarint(s.m_length);
            out.write(s.m_bytes, s.m_offset, s.m_length);
        }

        void table(LuaTable t, int depth) {
            if (depth >= MAX_DEPTH) {
                throw refuse("is nested deeper than " + MAX_DEPTH + " tables");
            }
            if (open.put(t, Boolean.TRUE) != null) {
                throw refuse("contains itself (a table that refers back to one of its parents cannot be saved)");
            }
            int count = 0;
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = t.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                count++;
            }
            out.write(TABLE);
            out.writeVarint(count);
            k = LuaValue.NIL;
            while (true) {
                Varargs n = t.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                switch (k.type()) {
                    case LuaValue.TBOOLEAN -> out.write(k.toboolean() ? TRUE : FALSE);
                    case LuaValue.TNUMBER -> number(k);
                    case LuaValue.TSTRING -> string((LuaString) k);
                    default -> throw refuse("has a key of type '" + k.typename()
                            + "'; only boolean, number and string keys can be saved");
                }
                path.add(k);
                value(n.arg(2), depth + 1);
                path.remove(path.size() - 1);
            }
            open.remove(t);
        }

        StateStoreException refuse(String problem) {
            StringBuilder where = new StringBuilder("ctx.state");
            for (LuaValue key : path) {
                if (key.type() == LuaValue.TSTRING && key.tojstring().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    where.append('.').append(key.tojstring());
                } else if (key.type() == LuaValue.TSTRING) {
                    where.append("[\"").append(key.tojstring()).append("\"]");
                } else {
                    where.append('[').append(key.tojstring()).append(']');
                }
            }
            return new StateStoreException(actor, "Lua actor '" + actor + "': cannot save ctx.state: " + where
                    + " " + problem);
        }
    }

    /** A growable byte buffer that refuses to grow past the state size limit. */
    private static final class BoundedBuffer {
        private final String actor;
        private final int max;
        private byte[] bytes = new byte[64];
        private int size;

        BoundedBuffer(String actor, int max) {
            this.actor = actor;
            this.max = max;
        }

        private void room(int more) {
            long needed = (long) size + more;
            if (needed > max) {
                throw new StateTooLargeException(actor, max);
            }
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(needed, (long) bytes.length * 2)));
            }
        }

        void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        void write(byte[] source, int offset, int length) {
            room(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        void writeInt(int v) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
        }

        void writeLong(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
        }

        void writeVarint(int v) {
            while ((v & ~0x7f) != 0) {
                write((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            write(v);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static final class Reader {
        final String actor;
        final byte[] bytes;
        int position = 1;

        Reader(String actor, byte[] bytes) {
            this.actor = actor;
            this.bytes = bytes;
        }

        LuaValue value(int depth, boolean top) {
            int tag = next();
            return switch (tag) {
                case NIL -> {
                    if (!top) {
                        throw corrupt(actor, "nil inside a table at byte " + (position - 1));
                    }
                    yield LuaValue.NIL;
                }
                case FALSE -> LuaValue.FALSE;
                case TRUE -> LuaValue.TRUE;
                case INT -> LuaInteger.valueOf((int) fixed(4));
                case DOUBLE -> NegativeZero.valueOf(Double.longBitsToDouble(fixed(8)));
                case STRING -> {
                    int length = varint();
                    need(length);
                    // A private copy: the snapshot's array is shared with the store.
                    LuaString s = LuaString.valueUsing(Arrays.copyOfRange(bytes, position, position + length));
                    position += length;
                    yield s;
                }
                case TABLE -> table(depth);
                default -> throw corrupt(actor, "unknown tag " + tag + " at byte " + (position - 1));
            };
        }

        LuaTable table(int depth) {
            if (depth >= MAX_DEPTH) {
                throw corrupt(actor, "tables nested deeper than " + MAX_DEPTH);
            }
            int count = varint();
            // Each entry takes at least two bytes: a count beyond what is left is corrupt, not a reason to allocate.
            if (count > (bytes.length - position) / 2) {
                throw corrupt(actor, "a table of " + count + " entries in " + (bytes.length - position) + " bytes");
            }
            LuaTable table = new LuaTable();
            for (int i = 0; i < count; i++) {
                int keyAt = position;
                LuaValue key = value(depth + 1, false);
                if (key.istable()) {
                    throw corrupt(actor, "a table used as a key at byte " + keyAt);
                }
                table.rawset(key, value(depth + 1, false));
            }
            return table;
        }

        private int next() {
            need(1);
            return bytes[position++] & 0xff;
        }

        private long fixed(int length) {
            need(length);
            long v = 0;
            for (int i = 0; i < length; i++) {
                v = (v << 8) | (bytes[position++] & 0xff);
            }
            return v;
        }

        private int varint() {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = next();
                v |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (v < 0) {
                        break;
                    }
                    return v;
                }
            }
            throw corrupt(actor, "a bad length at byte " + position);
        }

        private void need(int length) {
            if (length < 0 || length > bytes.length - position) {
                throw corrupt(actor, "it ends early (at byte " + position + " of " + bytes.length + ")");
            }
        }
    }
}
