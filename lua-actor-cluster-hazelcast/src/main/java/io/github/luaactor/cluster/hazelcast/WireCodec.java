package io.github.luaactor.cluster.hazelcast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;

/**
 * The binary form of a {@link LuaMessage} between members and in the state map: a version byte, then one tagged
 * value (nil, false, true, a zig-zag variable-length integer, an 8-byte float, a length-prefixed UTF-8 string, or a
 * table as a count and key/value pairs). A member refuses a version it does not know rather than guess, and
 * refuses anything over the size limit in either direction.
 * <p>
 * Version 2 adds a tagged byte string for {@link LuaMessage.Bytes} (a Lua string that is not UTF-8). A message
 * without one is still written as version 1, so members of the previous release read everything they can
 * represent during a rolling upgrade; this member reads both.
 */
public final class WireCodec {
    static final byte VERSION = 2;
    /** The version of messages without byte strings, readable by members that know only version 1. */
    static final byte VERSION_1 = 1;
    private static final byte NIL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte INT = 3;
    private static final byte NUM = 4;
    private static final byte STR = 5;
    private static final byte TABLE = 6;
    private static final byte BYTES = 7;

    private final int limit;

    public WireCodec(int limit) {
        this.limit = limit;
    }

    /** @throws MessageTooLargeException when the encoded form exceeds the limit */
    public byte[] encode(String actor, LuaMessage message) {
        Out out = new Out(actor, limit);
        out.write(VERSION_1);
        write(out, message);
        if (out.needsVersion2) {
            out.setVersion(VERSION);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException for an unknown version or malformed bytes */
    public LuaMessage decode(String actor, byte[] bytes) {
        if (bytes.length > limit) {
            throw new MessageTooLargeException(actor, bytes.length, limit);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION && version != VERSION_1) {
            throw new IllegalArgumentException("Lua actor '" + actor + "': message format version " + version
                    + " is not supported (this member reads versions " + VERSION_1 + " to " + VERSION
                    + "); run one release on all members");
        }
        LuaMessage value = read(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("Lua actor '" + actor + "': " + in.remaining()
                    + " bytes after the end of a message");
        }
        return value;
    }

    private static void write(Out out, LuaMessage message) {
        switch (message) {
            case LuaMessage.Nil n -> out.write(NIL);
            case LuaMessage.Bool b -> out.write(b.value() ? TRUE : FALSE);
            case LuaMessage.Int i -> {
                out.write(INT);
                out.varLong((i.value() << 1) ^ (i.value() >> 63));
            }
            case LuaMessage.Num n -> {
                out.write(NUM);
                long bits = Double.doubleToRawLongBits(n.value());
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((byte) (bits >>> shift));
                }
            }
            case LuaMessage.Str s -> {
                out.write(STR);
                out.string(s.value());
            }
            case LuaMessage.Bytes b -> {
                out.write(BYTES);
                out.bytes(b.value());
                out.needsVersion2 = true;
            }
            case LuaMessage.Table t -> {
                out.write(TABLE);
                out.varLong(t.entries().size());
                for (Map.Entry<Object, LuaMessage> e : t.entries().entrySet()) {
                    write(out, switch (e.getKey()) {
                        case Long l -> new LuaMessage.Int(l);
                        case LuaMessage.Bytes b -> b;
                        default -> new LuaMessage.Str((String) e.getKey());
                    });
                    write(out, e.getValue());
                }
            }
        }
    }

    private static LuaMessage read(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case NIL -> LuaMessage.NIL;
            case FALSE -> LuaMessage.Bool.FALSE;
            case TRUE -> LuaMessage.Bool.TRUE;
            case INT -> {
                long zigzag = varLong(in);
                yield new LuaMessage.Int((zigzag >>> 1) ^ -(zigzag & 1));
            }
            case NUM -> new LuaMessage.Num(Double.longBitsToDouble(in.getLong()));
            case STR -> new LuaMessage.Str(new String(bytes(in), StandardCharsets.UTF_8));
            case BYTES -> new LuaMessage.Bytes(bytes(in));
            case TABLE -> {
                long count = varLong(in);
                if (count < 0 || count > in.remaining()) {
                    throw new IllegalArgumentException("malformed table of " + count + " entries");
                }
                Map<Object, LuaMessage> entries = new LinkedHashMap<>();
                for (long i = 0; i < count; i++) {
                    Object key = switch (read(in)) {
                        case LuaMessage.Int k -> k.value();
                        case LuaMessage.Str k -> k.value();
                        case LuaMessage.Bytes k -> k;
                        default -> throw new IllegalArgumentException("malformed table key");
                    };
                    entries.put(key, read(in));
                }
                yield new LuaMessage.Table(entries);
            }
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    private static long varLong(ByteBuffer in) {
        return VarInts.read(in);
    }

    private static byte[] bytes(ByteBuffer in) {
        return VarInts.readBytes(in, "string");
    }

    /** A byte buffer that refuses to grow past the limit, so an oversized message fails before it is all copied. */
    private static final class Out extends ByteBuilder {
        private final String actor;
        private final int limit;
        /** Set once a value only version 2 can carry has been written. */
        boolean needsVersion2;

        Out(String actor, int limit) {
            super(64);
            this.actor = actor;
            this.limit = limit;
        }

        void write(byte b) {
            check(1);
            super.write(b);
        }

        void varLong(long value) {
            VarInts.write(value, this::write);
        }

        void setVersion(byte version) {
            buf[0] = version;
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] bytes) {
            varLong(bytes.length);
            check(bytes.length);
            super.write(bytes, 0, bytes.length);
        }

        private void check(int more) {
            if (count + more > limit) {
                throw new MessageTooLargeException(actor, count + more, limit);
            }
        }
    }
}
