package io.github.luaactor.core.internal.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Converts between {@link LuaMessage} and LuaJ values. Every conversion is a deep copy, so no table is ever shared
 * by two VMs. Strings cross as UTF-8 bytes: LuaJ's own {@code String} conversions mangle characters outside the BMP.
 * A Lua string that is not well-formed UTF-8 becomes {@link LuaMessage.Bytes}, never a {@code String} with
 * replacement characters, so actor-to-actor traffic is byte-exact; {@code -0.0} keeps its sign.
 */
public final class MessageCodec {
    /** Deeper tables than this are refused; it also bounds the recursion of the conversion itself. */
    static final int MAX_DEPTH = 100;
    /**
     * Most values (keys included) one message may hold. A table reached through several references is copied at
     * each, so {@code t = {t, t}} sixty times over would otherwise expand to 2^60 values outside any CPU budget.
     */
    static final int MAX_VALUES = 1_000_000;
    /** Most string bytes of one message, as a multiple of max-string-length; a shared string counts at each use. */
    static final int MAX_BYTES_FACTOR = 16;

    private MessageCodec() {
    }

    /**
     * Converts a message into a Lua value.
     *
     * @throws LuaError when the message is nested deeper than {@value #MAX_DEPTH} levels (a message built in Java
     *                  has no such limit, and converting it must not overflow the actor thread's stack)
     */
    public static LuaValue toLua(LuaMessage message) {
        return toLua(message, 0);
    }

    private static LuaValue toLua(LuaMessage message, int depth) {
        return switch (message) {
            case LuaMessage.Str s -> LuaString.valueUsing(s.value().getBytes(StandardCharsets.UTF_8));
            case LuaMessage.Int i -> i.value() == (int) i.value() ? LuaInteger.valueOf((int) i.value())
                    : LuaValue.valueOf((double) i.value());
            case LuaMessage.Num n -> NegativeZero.valueOf(n.value());
            case LuaMessage.Bytes b -> LuaString.valueUsing(b.value());
            case LuaMessage.Bool b -> b.value() ? LuaValue.TRUE : LuaValue.FALSE;
            case LuaMessage.Nil ignored -> LuaValue.NIL;
            case LuaMessage.Table t -> toLuaTable(t, depth);
        };
    }

    private static LuaTable toLuaTable(LuaMessage.Table table, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new LuaError("cannot deliver a message nested deeper than " + MAX_DEPTH + " levels");
        }
        Map<Object, LuaMessage> entries = table.entries();
        boolean list = table.isList();
        LuaTable result = list ? new LuaTable(entries.size(), 0) : new LuaTable();
        for (Map.Entry<Object, LuaMessage> e : entries.entrySet()) {
            LuaValue key = switch (e.getKey()) {
                case Long l -> l == (int) (long) l ? LuaInteger.valueOf((int) (long) l) : LuaValue.valueOf((double) l);
                case LuaMessage.Bytes b -> LuaString.valueUsing(b.value());
                default -> LuaString.valueUsing(((String) e.getKey()).getBytes(StandardCharsets.UTF_8));
            };
            result.rawset(key, toLua(e.getValue(), depth + 1));
        }
        return result;
    }

    /**
     * Converts a Lua value into a message.
     *
     * @throws LuaError naming the offending type when the value cannot cross actors (functions, userdata,
     *                  coroutines, cyclic or too-deep tables, keys other than strings and integers)
     */
    public static LuaMessage fromLua(LuaValue value) {
        return fromLua(value, 0, new Conversion((long) SandboxLimits.maxStringLength() * MAX_BYTES_FACTOR));
    }

    /**
     * {@link #fromLua(LuaValue)} for a value a handler passes to a {@code ctx} function, whose copy is charged to the
     * handler's budget afterwards: one instruction per value (keys included) and per
     * {@value MeteredLibraryFunctions#BYTES_PER_STEP} bytes of strings, as {@code string.rep} charges its work. Up to a million values may take a
     * second to copy; uncharged, a loop of {@code ctx.do_send} of a large table ran far past its handler's timeout.
     */
    public static LuaMessage fromLuaCharged(LuaValue value) {
        Conversion conversion = new Conversion((long) SandboxLimits.maxStringLength() * MAX_BYTES_FACTOR);
        LuaMessage message = fromLua(value, 0, conversion);
        LibraryCharges.chargeLibraryWork(conversion.values + conversion.bytes / MeteredLibraryFunctions.BYTES_PER_STEP);
        return message;
    }

    private static LuaMessage fromLua(LuaValue value, int depth, Conversion conversion) {
        conversion.countValue();
        switch (value.type()) {
            case LuaValue.TNIL:
                return LuaMessage.NIL;
            case LuaValue.TBOOLEAN:
                return value.toboolean() ? LuaMessage.Bool.TRUE : LuaMessage.Bool.FALSE;
            case LuaValue.TNUMBER:
                return number(value);
            case LuaValue.TSTRING:
                conversion.countBytes(value.rawlen());
                return stringMessage(value.checkstring());
            case LuaValue.TTABLE:
                return table((LuaTable) value, depth, conversion);
            default:
                throw new LuaError("cannot send a value of type '" + value.typename()
                        + "' between actors (only nil, booleans, numbers, strings and tables can be sent)");
        }
    }

    static LuaMessage number(LuaValue value) {
        if (value.isinttype()) {
            return new LuaMessage.Int(value.toint());
        }
        double d = value.todouble();
        if (d == Math.rint(d) && !NegativeZero.is(d) && d >= -0x1p63 && d < 0x1p63) {
            return new LuaMessage.Int((long) d);
        }
        return new LuaMessage.Num(d);
    }

    static String string(LuaValue value) {
        LuaString s = value.checkstring();
        return new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.UTF_8);
    }

    /** A Lua string as {@link LuaMessage.Str} when it is UTF-8, else as {@link LuaMessage.Bytes}. */
    static LuaMessage stringMessage(LuaString s) {
        if (Utf8.isValid(s.m_bytes, s.m_offset, s.m_length)) {
            return new LuaMessage.Str(new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.UTF_8));
        }
        return new LuaMessage.Bytes(Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length));
    }

    private static LuaMessage table(LuaTable table, int depth, Conversion conversion) {
        if (depth >= MAX_DEPTH) {
            throw new LuaError("cannot send a table nested deeper than " + MAX_DEPTH + " levels");
        }
        IdentityHashMap<LuaValue, Boolean> path = conversion.path();
        if (path.put(table, Boolean.TRUE) != null) {
            throw new LuaError("cannot send a table that contains itself");
        }
        Map<Object, LuaMessage> entries = new LinkedHashMap<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = table.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            conversion.countValue();
            if (k.type() == LuaValue.TSTRING) {
                conversion.countBytes(k.rawlen());
            }
            entries.put(key(k), fromLua(n.arg(2), depth + 1, conversion));
        }
        path.remove(table);
        return entries.isEmpty() ? LuaMessage.Table.EMPTY : new LuaMessage.Table(entries);
    }

    private static Object key(LuaValue key) {
        if (key.type() == LuaValue.TSTRING) {
            LuaMessage text = stringMessage(key.checkstring());
            return text instanceof LuaMessage.Str str ? str.value() : text;
        }
        if (key.type() == LuaValue.TNUMBER && number(key) instanceof LuaMessage.Int i) {
            return i.value();
        }
        throw new LuaError("cannot send a table with a key of type '" + key.typename()
                + "' (only string and integer keys can be sent)");
    }

    /** The state of one conversion: the tables on the current path (for cycles) and what it has copied so far. */
    private static final class Conversion {
        /** The tables being converted, outermost first; made at the first table (most messages have none). */
        private IdentityHashMap<LuaValue, Boolean> path;
        private final long maxBytes;
        private int values;
        private long bytes;

        Conversion(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        IdentityHashMap<LuaValue, Boolean> path() {
            if (path == null) {
                path = new IdentityHashMap<>();
            }
            return path;
        }

        void countValue() {
            if (++values > MAX_VALUES) {
                throw new LuaError("cannot send a message of more than " + MAX_VALUES
                        + " values (keys and values, counted at every reference to a shared table)");
            }
        }

        void countBytes(int length) {
            bytes += length;
            if (bytes > maxBytes) {
                throw new LuaError("cannot send a message with more than " + maxBytes + " bytes of strings ("
                        + MAX_BYTES_FACTOR + " x max-string-length, counted at every reference)");
            }
        }
    }
}
