package io.github.luaactor.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.MapAssert;

/**
 * AssertJ assertions on a {@link LuaMessage}. Expected values may be {@code LuaMessage}s or plain Java values, compared
 * as they arrive from Lua ({@link LuaMessages#of(Object)}): {@code hasValue(2.0)} matches the integer 2.
 *
 * <pre>{@code
 * assertThat(kit.state(counter)).isTable().containsEntry("count", 3).containsKeys("last");
 * assertThat(reply).asMap().containsEntry("ok", true);
 * }</pre>
 */
public final class LuaMessageAssert extends AbstractAssert<LuaMessageAssert, LuaMessage> {

    LuaMessageAssert(LuaMessage actual) {
        super(actual, LuaMessageAssert.class);
    }

    /** Equal by value to {@code expected} (a {@code LuaMessage} or a Java value). */
    public LuaMessageAssert hasValue(Object expected) {
        isNotNull();
        LuaMessage wanted = LuaMessages.of(expected);
        if (!actual.equals(wanted)) {
            failWithActualExpectedAndMessage(actual, wanted, "Expected Lua value %s but was %s", wanted, actual);
        }
        return this;
    }

    public LuaMessageAssert isNil() {
        return isOfLuaType("nil");
    }

    public LuaMessageAssert isTable() {
        return isOfLuaType("table");
    }

    public LuaMessageAssert isString() {
        return isOfLuaType("string");
    }

    /**
     * A Lua string of exactly these bytes, whether it arrived as {@link LuaMessage.Str} (UTF-8) or as
     * {@link LuaMessage.Bytes}.
     */
    public LuaMessageAssert hasBytes(byte... expected) {
        isString();
        byte[] bytes = actual instanceof LuaMessage.Bytes b ? b.value()
                : ((LuaMessage.Str) actual).value().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(bytes, expected)) {
            failWithMessage("Expected a Lua string of the bytes %s but got %s",
                    HexFormat.ofDelimiter(" ").formatHex(expected), actual);
        }
        return this;
    }

    public LuaMessageAssert isNumber() {
        return isOfLuaType("number");
    }

    /** A table with exactly the keys 1..n (an empty table passes too: Lua cannot tell them apart). */
    public LuaMessageAssert isList() {
        isTable();
        LuaMessage.Table table = (LuaMessage.Table) actual;
        if (!table.entries().isEmpty() && !table.isList()) {
            failWithMessage("Expected a Lua list (keys 1..n) but the keys were %s", table.entries().keySet());
        }
        return this;
    }

    /** The table holds {@code value} under {@code key} (a string or an integer). */
    public LuaMessageAssert containsEntry(Object key, Object value) {
        LuaMessage.Table table = table();
        LuaMessage wanted = LuaMessages.of(value);
        LuaMessage found = table.get(key);
        if (!found.equals(wanted)) {
            failWithMessage("Expected table %s to hold %s under key <%s> but it held %s", actual, wanted, key, found);
        }
        return this;
    }

    /** The table has every one of these keys (with non-nil values). */
    public LuaMessageAssert containsKeys(Object... keys) {
        LuaMessage.Table table = table();
        for (Object key : keys) {
            if (table.get(key) instanceof LuaMessage.Nil) {
                failWithMessage("Expected table %s to have the key <%s>", actual, key);
            }
        }
        return this;
    }

    /** The table has no value under {@code key}. */
    public LuaMessageAssert doesNotContainKey(Object key) {
        LuaMessage found = table().get(key);
        if (!(found instanceof LuaMessage.Nil)) {
            failWithMessage("Expected table %s to have no key <%s> but it held %s", actual, key, found);
        }
        return this;
    }

    /** Assertions on the value under {@code key} of this table ({@code nil} when absent). */
    public LuaMessageAssert field(Object key) {
        return new LuaMessageAssert(table().get(key));
    }

    /** The table as a map of plain Java values ({@link LuaMessages#asMap(LuaMessage)}), for AssertJ's map checks. */
    public MapAssert<Object, Object> asMap() {
        table();
        Map<Object, Object> map = LuaMessages.asMap(actual);
        return Assertions.assertThat(map);
    }

    /** A list-shaped table as a list of plain Java values ({@link LuaMessages#asList(LuaMessage)}). */
    public ListAssert<Object> asList() {
        isList();
        return Assertions.assertThat(LuaMessages.asList(actual));
    }

    private LuaMessageAssert isOfLuaType(String type) {
        isNotNull();
        if (!actual.luaType().equals(type)) {
            failWithMessage("Expected a Lua %s but got a %s: %s", type, actual.luaType(), actual);
        }
        return this;
    }

    private LuaMessage.Table table() {
        isTable();
        return (LuaMessage.Table) actual;
    }
}
