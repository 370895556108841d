package io.github.luaactor.core.internal.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

class MessagePreviewTest {

    @Test
    void aDeeplyNestedTableIsCutAtAFixedDepthInsteadOfOverflowingTheStack() {
        LuaMessage nested = LuaMessage.from("bottom");
        for (int i = 0; i < 20_000; i++) {
            nested = new LuaMessage.Table(Map.of("next", nested));
        }
        String preview = MessagePreview.of(nested);
        assertThat(preview).startsWith("{next={next={next={next=Table[1 entries]}}}}");
    }

    @Test
    void aLargeTableIsCutAtTheCharacterLimit() {
        Map<Object, LuaMessage> entries = new LinkedHashMap<>();
        for (long i = 1; i <= 10_000; i++) {
            entries.put(i, LuaMessage.from("value " + i));
        }
        String preview = MessagePreview.of(new LuaMessage.Table(entries));
        assertThat(preview).startsWith("{1=Str[value=value 1], 2=Str[value=value 2]").endsWith("...");
        assertThat(preview.length()).isLessThanOrEqualTo(MessagePreview.MAX_CHARS + 3);
    }

    @Test
    void scalarsAreShownAsTheirRecords() {
        assertThat(MessagePreview.of(LuaMessage.from(42))).isEqualTo("Int[value=42]");
        assertThat(MessagePreview.of(LuaMessage.NIL)).isEqualTo("NIL");
    }
}
