package io.github.luaactor.spring.boot.actuate;

import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LuaMessageReaderTest {

    @Test
    void readsJsonTextStraightIntoAMessage() {
        assertThat(LuaMessageReader.parse("[1, null, 2.5, \"é😀\", {\"a\": true, \"b\": null}, [], 1e2]"))
                .isEqualTo(new LuaMessage.Table(Map.of(1L, LuaMessage.from(1), 3L, LuaMessage.from(2.5),
                        4L, LuaMessage.from("é😀"), 5L, LuaMessage.table("a", true), 6L, LuaMessage.Table.EMPTY,
                        7L, new LuaMessage.Num(100.0))));
        assertThat(LuaMessageReader.parse("123456789012345678901234567890"))
                .as("beyond a long: a float, as Lua would hold it").isInstanceOf(LuaMessage.Num.class);
        assertThat(LuaMessageReader.parse("-9223372036854775808")).isEqualTo(new LuaMessage.Int(Long.MIN_VALUE));
        assertThat(LuaMessageReader.parse(" null ")).isEqualTo(LuaMessage.NIL);
    }

    @Test
    void textThatIsNotExactlyOneJsonValueIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> LuaMessageReader.parse("{not json"))
                .withMessageStartingWith("The message is not valid JSON: ");
        assertThatIllegalArgumentException().isThrownBy(() -> LuaMessageReader.parse("1 2"))
                .withMessageContaining("more follows the value");
        assertThatIllegalArgumentException().isThrownBy(() -> LuaMessageReader.parse("  "))
                .withMessageContaining("empty");
    }
}
