package io.github.luaactor.core;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.luaactor.core.internal.sandbox.Utf8;

/**
 * A message exchanged between actors and Java code: an immutable value with Lua's shapes.
 * <p>
 * LuaJ follows Lua 5.2, which has a single number type. A Lua number whose value is integral and fits a
 * {@code long} arrives in Java as {@link Int}; any other number arrives as {@link Num}. Integers beyond
 * 2<sup>53</sup> lose precision inside Lua, as they would in Lua 5.2 itself.
 * <p>
 * Lua strings are byte strings. One that is well-formed UTF-8 arrives in Java as {@link Str}; any other (binary
 * data, Latin-1 text, {@code "\255\0\200"}) arrives as {@link Bytes}, so no byte is ever replaced. Both become the
 * same Lua string again, and a string sent from one actor to another arrives byte for byte.
 */
public sealed interface LuaMessage permits LuaMessage.Str, LuaMessage.Int, LuaMessage.Num, LuaMessage.Bool,
        LuaMessage.Table, LuaMessage.Nil, LuaMessage.Bytes {

    /** Lua's {@code nil}. */
    Nil NIL = new Nil();

    /**
     * Converts a Java value: {@code null}, {@link CharSequence}, byte/short/int/long, float/double, boolean,
     * {@link Map} (keys {@code String} or integral numbers), {@link List}/{@link Collection} and arrays (keys 1..n),
     * and {@code LuaMessage} itself.
     *
     * @throws IllegalArgumentException naming the type when the value has no Lua shape
     */
    static LuaMessage from(Object value) {
        return switch (value) {
            case null -> NIL;
            case LuaMessage message -> message;
            case CharSequence text -> new Str(text.toString());
            case Long l -> new Int(l);
            case Integer i -> new Int(i);
            case Short s -> new Int(s);
            case Byte b -> new Int(b);
            case Double d -> new Num(d);
            case Float f -> new Num(f);
            case Boolean b -> b ? Bool.TRUE : Bool.FALSE;
            case Character c -> new Str(c.toString());
            case Map<?, ?> map -> Table.fromMap(map);
            case Collection<?> list -> Table.fromList(list);
            default -> {
                if (value.getClass().isArray()) {
                    int length = Array.getLength(value);
                    List<Object> items = new ArrayList<>(length);
                    for (int i = 0; i < length; i++) {
                        items.add(Array.get(value, i));
                    }
                    yield Table.fromList(items);
                }
                throw new IllegalArgumentException("Cannot convert a value of type " + value.getClass().getName()
                        + " to a LuaMessage: only null, strings, numbers, booleans, maps, lists and arrays are supported");
            }
        };
    }

    /**
     * A Lua string from its bytes, in the form a Lua actor's own string takes in Java: {@link Str} when the bytes
     * are well-formed UTF-8, {@link Bytes} otherwise. (A {@code byte[]} given to {@link #from(Object)} is an array,
     * and becomes a table of numbers.)
     */
    static LuaMessage fromBytes(byte[] bytes) {
        return Utf8.isValid(bytes) ? new Str(new String(bytes, StandardCharsets.UTF_8)) : new Bytes(bytes);
    }

    /** A table from alternating keys and values, for tests and small literals: {@code LuaMessage.table("x", 1)}. */
    static Table table(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("table(...) takes key/value pairs");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Table.fromMap(map);
    }

    /**
     * The plain Java value: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null},
     * {@code byte[]} (a copy) for {@link Bytes}, a {@code List} for a table whose keys are exactly 1..n (n &ge; 1),
     * otherwise an insertion-ordered {@code Map} (its keys {@code String}, {@code Long}, or {@link Bytes} for a key
     * that is not UTF-8).
     */
    Object toJava();

    /**
     * Lua's type name: {@code string} (for {@link Str} and {@link Bytes}), {@code number}, {@code boolean},
     * {@code table} or {@code nil}.
     */
    String luaType();

    record Str(String value) implements LuaMessage {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object toJava() {
            return value;
        }

        @Override
        public String luaType() {
            return "string";
        }
    }

    /**
     * A Lua string that is not well-formed UTF-8, byte for byte. The array is copied in and out, so the value stays
     * immutable; equality and hash code are by content. {@link LuaMessage#fromBytes(byte[])} gives {@link Str}
     * instead when the bytes are UTF-8, which is the form strings from Lua take (a {@code Bytes} holding UTF-8 is
     * the same Lua string as the {@code Str}, but not {@code equals} to it).
     */
    record Bytes(byte[] value) implements LuaMessage {
        public Bytes {
            value = Objects.requireNonNull(value, "value").clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The number of bytes, Lua's {@code #s}. */
        public int length() {
            return value.length;
        }

        /** The bytes read as UTF-8, each malformed sequence replaced by U+FFFD: for display, not for sending on. */
        public String asString() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public Object toJava() {
            return value.clone();
        }

        @Override
        public String luaType() {
            return "string";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.ofDelimiter(" ").formatHex(value) + "]";
        }
    }

    record Int(long value) implements LuaMessage {
        @Override
        public Object toJava() {
            return value;
        }

        @Override
        public String luaType() {
            return "number";
        }
    }

    record Num(double value) implements LuaMessage {
        @Override
        public Object toJava() {
            return value;
        }

        @Override
        public String luaType() {
            return "number";
        }
    }

    record Bool(boolean value) implements LuaMessage {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public Object toJava() {
            return value;
        }

        @Override
        public String luaType() {
            return "boolean";
        }
    }

    /** Lua's {@code nil}; use {@link LuaMessage#NIL}. */
    record Nil() implements LuaMessage {
        @Override
        public Object toJava() {
            return null;
        }

        @Override
        public String luaType() {
            return "nil";
        }

        @Override
        public String toString() {
            return "NIL";
        }
    }

    /**
     * A Lua table: keys are {@code String} or {@code Long} ({@link Bytes} for a string key that is not UTF-8),
     * values are never {@link #NIL} (Lua tables cannot hold nil), insertion-ordered and immutable.
     */
    record Table(Map<Object, LuaMessage> entries) implements LuaMessage {
        public static final Table EMPTY = new Table(Map.of());

        public Table {
            Map<Object, LuaMessage> copy = new LinkedHashMap<>(entries.size() * 4 / 3 + 1);
            for (Map.Entry<Object, LuaMessage> e : entries.entrySet()) {
                Object key = normalizeKey(e.getKey());
                LuaMessage v = Objects.requireNonNull(e.getValue(), "table values must not be null");
                if (v instanceof Nil) {
                    continue;
                }
                copy.put(key, v);
            }
            entries = Collections.unmodifiableMap(copy);
        }

        static Table fromMap(Map<?, ?> map) {
            Map<Object, LuaMessage> converted = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
            map.forEach((k, v) -> converted.put(normalizeKey(k), from(v)));
            return new Table(converted);
        }

        static Table fromList(Collection<?> items) {
            Map<Object, LuaMessage> converted = new LinkedHashMap<>(items.size() * 4 / 3 + 1);
            long index = 1;
            for (Object item : items) {
                converted.put(index++, from(item));
            }
            return new Table(converted);
        }

        private static Object normalizeKey(Object key) {
            return switch (key) {
                case String s -> s;
                case Long l -> l;
                case Integer i -> (long) i;
                case Short s -> (long) s;
                case Byte b -> (long) b;
                case CharSequence cs -> cs.toString();
                case Bytes bytes -> bytes;
                case Str str -> str.value();
                case null -> throw new IllegalArgumentException("Lua table keys must not be null");
                default -> throw new IllegalArgumentException("Lua table keys must be strings or integers, not "
                        + key.getClass().getName());
            };
        }

        /** The value under a key, {@link LuaMessage#NIL} when absent. */
        public LuaMessage get(Object key) {
            LuaMessage value = entries.get(normalizeKey(key));
            return value == null ? NIL : value;
        }

        /** Whether the keys are exactly 1..n in order, with n &ge; 1. */
        public boolean isList() {
            if (entries.isEmpty()) {
                return false;
            }
            long expected = 1;
            for (Object key : entries.keySet()) {
                if (!(key instanceof Long l) || l != expected++) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Object toJava() {
            if (isList()) {
                List<Object> list = new ArrayList<>(entries.size());
                for (LuaMessage value : entries.values()) {
                    list.add(value.toJava());
                }
                return Collections.unmodifiableList(list);
            }
            Map<Object, Object> map = new LinkedHashMap<>(entries.size() * 4 / 3 + 1);
            entries.forEach((k, v) -> map.put(k, v.toJava()));
            return Collections.unmodifiableMap(map);
        }

        @Override
        public String luaType() {
            return "table";
        }
    }
}
