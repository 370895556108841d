package io.github.luaactor.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;

/** Reading {@link LuaMessage}s in tests without AssertJ: tables as maps and lists, values as Lua would send them. */
public final class LuaMessages {
    private LuaMessages() {
    }

    /**
     * A Java value as it looks after crossing Lua: {@link LuaMessage#from(Object)}, with integral floating-point
     * numbers as integers (Lua has one number type; {@code 2.0} arrives as {@code Int[2]}). Use it for expected
     * values so that {@code 2.0} and {@code 2} both match. {@code -0.0} stays a float, as Lua sends it, and a
     * {@link LuaMessage.Bytes} holding UTF-8 becomes the {@link LuaMessage.Str} Lua would send.
     */
    public static LuaMessage of(Object value) {
        return normalize(LuaMessage.from(value));
    }

    /**
     * A table as a map of its keys ({@code String} or {@code Long}) to plain Java values ({@link LuaMessage#toJava()}),
     * also when its keys are 1..n. An empty table is an empty map.
     *
     * @throws AssertionError when the message is not a table
     */
    public static Map<Object, Object> asMap(LuaMessage message) {
        Map<Object, Object> map = new LinkedHashMap<>();
        table(message).entries().forEach((key, value) -> map.put(key, value.toJava()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * A list-shaped table ({@code {10, 20}}) as a list of plain Java values; an empty table is an empty list.
     *
     * @throws AssertionError when the message is not a table with the keys 1..n
     */
    public static List<Object> asList(LuaMessage message) {
        LuaMessage.Table table = table(message);
        if (!table.entries().isEmpty() && !table.isList()) {
            throw new AssertionError("Expected a Lua list (keys 1..n) but got " + message);
        }
        List<Object> list = new ArrayList<>(table.entries().size());
        table.entries().values().forEach(value -> list.add(value.toJava()));
        return Collections.unmodifiableList(list);
    }

    static LuaMessage.Table table(LuaMessage message) {
        if (message instanceof LuaMessage.Table table) {
            return table;
        }
        throw new AssertionError("Expected a Lua table but got " + message);
    }

    private static LuaMessage normalize(LuaMessage message) {
        return switch (message) {
            case LuaMessage.Num n when n.value() == Math.rint(n.value()) && n.value() >= -0x1p63 && n.value() < 0x1p63
                    && Double.doubleToRawLongBits(n.value()) != Long.MIN_VALUE -> new LuaMessage.Int((long) n.value());
            case LuaMessage.Bytes b -> LuaMessage.fromBytes(b.value());
            case LuaMessage.Table t -> {
                Map<Object, LuaMessage> entries = new LinkedHashMap<>();
                t.entries().forEach((key, value) -> entries.put(key, normalize(value)));
                yield new LuaMessage.Table(entries);
            }
            default -> message;
        };
    }
}
