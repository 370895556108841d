package io.github.luaactor.test;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

/** The AssertJ assertions and the map/list helpers: they pass on the right value and fail on a wrong one. */
class LuaMessageAssertTest {
    private final LuaMessage order = LuaMessage.from(Map.of("id", 7, "items", List.of("a", "b"), "total", 12.5));

    @Test
    void tablesAreComparedByValue() {
        assertThat(order).isEqualTo(LuaMessage.table("total", 12.5, "items", List.of("a", "b"), "id", 7));
        assertThat(order).hasValue(Map.of("id", 7.0, "items", List.of("a", "b"), "total", 12.5));
    }

    @Test
    void entriesKeysAndFields() {
        assertThat(order).isTable().containsEntry("id", 7).containsKeys("id", "items").doesNotContainKey("x");
        assertThat(order).field("items").isList().asList().containsExactly("a", "b");
        assertThat(order).asMap().containsEntry("total", 12.5).containsKey("items");
        assertThat(LuaMessage.NIL).isNil();
        assertThat(LuaMessage.from("x")).isString();
        assertThat(LuaMessage.from(1)).isNumber();
    }

    @Test
    void wrongValuesFail() {
        assertThatThrownBy(() -> assertThat(order).containsEntry("id", 8))
                .isInstanceOf(AssertionError.class).hasMessageContaining("id");
        assertThatThrownBy(() -> assertThat(order).containsKeys("missing"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> assertThat(LuaMessage.from(1)).isTable())
                .isInstanceOf(AssertionError.class).hasMessageContaining("table");
        assertThatThrownBy(() -> assertThat(order).isList())
                .isInstanceOf(AssertionError.class).hasMessageContaining("list");
        assertThatThrownBy(() -> assertThat(order).hasValue(Map.of("id", 7)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void stringsAreComparedByTheirBytes() {
        LuaMessage binary = new LuaMessage.Bytes(new byte[] {(byte) 0xff, 0});
        assertThat(binary).isString().hasBytes((byte) 0xff, (byte) 0);
        assertThat(LuaMessage.from("\u00e9")).hasBytes((byte) 0xc3, (byte) 0xa9);
        assertThatThrownBy(() -> assertThat(binary).hasBytes((byte) 0xff))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ff");
        assertThat(LuaMessages.of(new LuaMessage.Bytes(new byte[] {'o', 'k'}))).isEqualTo(LuaMessage.from("ok"));
        assertThat(LuaMessages.of(-0.0)).isEqualTo(new LuaMessage.Num(-0.0));
    }

    @Test
    void helpersReadTablesAsMapsAndLists() {
        assertThat(LuaMessages.asMap(LuaMessage.from(List.of("x", "y")))).containsEntry(1L, "x").containsEntry(2L, "y");
        assertThat(LuaMessages.asList(LuaMessage.from(List.of(1, 2)))).containsExactly(1L, 2L);
        assertThat(LuaMessages.asList(LuaMessage.Table.EMPTY)).isEmpty();
        assertThatThrownBy(() -> LuaMessages.asMap(LuaMessage.from("text"))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> LuaMessages.asList(order)).isInstanceOf(AssertionError.class);
        assertThat(LuaMessages.of(3.0)).isEqualTo(new LuaMessage.Int(3));
        assertThat(LuaMessages.of(3.5)).isEqualTo(new LuaMessage.Num(3.5));
    }
}
