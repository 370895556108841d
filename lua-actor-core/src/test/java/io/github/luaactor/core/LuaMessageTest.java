package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LuaMessageTest {

    @Test
    void convertsJavaScalars() {
        assertThat(LuaMessage.from(null)).isSameAs(LuaMessage.NIL);
        assertThat(LuaMessage.from("hi")).isEqualTo(new LuaMessage.Str("hi"));
        assertThat(LuaMessage.from(new StringBuilder("sb"))).isEqualTo(new LuaMessage.Str("sb"));
        assertThat(LuaMessage.from((byte) 1)).isEqualTo(new LuaMessage.Int(1));
        assertThat(LuaMessage.from((short) 2)).isEqualTo(new LuaMessage.Int(2));
        assertThat(LuaMessage.from(3)).isEqualTo(new LuaMessage.Int(3));
        assertThat(LuaMessage.from(4L)).isEqualTo(new LuaMessage.Int(4));
        assertThat(LuaMessage.from(1.5f)).isEqualTo(new LuaMessage.Num(1.5));
        assertThat(LuaMessage.from(2.5)).isEqualTo(new LuaMessage.Num(2.5));
        assertThat(LuaMessage.from(true)).isEqualTo(new LuaMessage.Bool(true));
        LuaMessage existing = LuaMessage.from("x");
        assertThat(LuaMessage.from(existing)).isSameAs(existing);
    }

    @Test
    void convertsCollectionsAndArrays() {
        LuaMessage list = LuaMessage.from(List.of("a", "b"));
        assertThat(list).isInstanceOf(LuaMessage.Table.class);
        assertThat(((LuaMessage.Table) list).entries()).containsExactly(
                Map.entry(1L, new LuaMessage.Str("a")), Map.entry(2L, new LuaMessage.Str("b")));
        assertThat(LuaMessage.from(new int[] {7, 8})).isEqualTo(LuaMessage.from(List.of(7, 8)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("x", 1);
        map.put("nested", Map.of("y", List.of(true)));
        LuaMessage.Table table = (LuaMessage.Table) LuaMessage.from(map);
        assertThat(table.get("x")).isEqualTo(new LuaMessage.Int(1));
        assertThat(table.toJava()).isEqualTo(Map.of("x", 1L, "nested", Map.of("y", List.of(true))));
    }

    @Test
    void rejectsUnsupportedTypesNamingThem() {
        assertThatThrownBy(() -> LuaMessage.from(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> LuaMessage.from(Map.of(1.5, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }

    @Test
    void tablesAreImmutableInsertionOrderedAndDropNil() {
        Map<Object, LuaMessage> entries = new LinkedHashMap<>();
        entries.put("b", LuaMessage.from(1));
        entries.put("a", LuaMessage.from(2));
        entries.put("gone", LuaMessage.NIL);
        LuaMessage.Table table = new LuaMessage.Table(entries);
        assertThat(table.entries().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> table.entries().put("c", LuaMessage.NIL))
                .isInstanceOf(UnsupportedOperationException.class);
        entries.put("later", LuaMessage.from(3));
        assertThat(table.entries()).doesNotContainKey("later");
    }

    @Test
    void toJavaTurnsOneToNTablesIntoLists() {
        assertThat(LuaMessage.table(1, "a", 2, "b").toJava()).isEqualTo(List.of("a", "b"));
        assertThat(LuaMessage.table(1, "a", 3, "c").toJava()).isEqualTo(Map.of(1L, "a", 3L, "c"));
        assertThat(LuaMessage.Table.EMPTY.toJava()).isEqualTo(Map.of());
        assertThat(LuaMessage.NIL.toJava()).isNull();
    }

    @Test
    void valueEquality() {
        assertThat(LuaMessage.from(Map.of("k", List.of(1, 2)))).isEqualTo(LuaMessage.from(Map.of("k", List.of(1, 2))));
        assertThat(LuaMessage.from(1)).isNotEqualTo(LuaMessage.from(1.0));
        assertThat(new LuaMessage.Nil()).isEqualTo(LuaMessage.NIL);
    }
}
