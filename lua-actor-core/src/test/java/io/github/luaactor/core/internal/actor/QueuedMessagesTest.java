package io.github.luaactor.core.internal.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

/** The size class of queued messages: small ones are 0 without a full walk, large ones their whole estimate. */
class QueuedMessagesTest {

    @Test
    void scalarsShortStringsAndSmallTablesAreSmall() {
        assertThat(QueuedMessages.bytesIfLarge(LuaMessage.from(1))).isZero();
        assertThat(QueuedMessages.bytesIfLarge(LuaMessage.NIL)).isZero();
        assertThat(QueuedMessages.bytesIfLarge(LuaMessage.from("x".repeat(992)))).isZero();
        assertThat(QueuedMessages.bytesIfLarge(LuaMessage.table("op", "put", "data", LuaMessage.table("a", 1))))
                .isZero();
    }

    @Test
    void largeMessagesCountTheirWholeEstimate() {
        LuaMessage text = LuaMessage.from("x".repeat(993));
        assertThat(QueuedMessages.bytesIfLarge(text)).isEqualTo(MessageSize.of(text)).isGreaterThan(2048);
        byte[] binary = new byte[5000];
        binary[0] = (byte) 0xff;
        LuaMessage bytes = LuaMessage.fromBytes(binary);
        assertThat(bytes).isInstanceOf(LuaMessage.Bytes.class);
        assertThat(QueuedMessages.bytesIfLarge(bytes)).isEqualTo(MessageSize.of(bytes)).isGreaterThan(2048);
        // Large by many small entries, by a big string deep inside, and by deep nesting.
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(i);
        }
        LuaMessage wide = LuaMessage.from(many);
        assertThat(QueuedMessages.bytesIfLarge(wide)).isEqualTo(MessageSize.of(wide));
        LuaMessage deepString = LuaMessage.table("a", LuaMessage.table("b", LuaMessage.table("c", "y".repeat(5000))));
        assertThat(QueuedMessages.bytesIfLarge(deepString)).isEqualTo(MessageSize.of(deepString));
        LuaMessage deep = LuaMessage.from(1);
        for (int i = 0; i < 40; i++) {
            deep = new LuaMessage.Table(Map.of("next", deep, "pad", LuaMessage.from("z".repeat(20))));
        }
        assertThat(QueuedMessages.bytesIfLarge(deep)).isEqualTo(MessageSize.of(deep)).isGreaterThan(2048);
    }

    @Test
    void theBoundedTableWalkAgreesWithTheFullOneBelowItsBound() {
        LuaMessage nested = LuaMessage.table("k", LuaMessage.table("a", 1, "b", "two"), "n", 3);
        assertThat(MessageSize.ofTable((LuaMessage.Table) nested, Long.MAX_VALUE)).isEqualTo(MessageSize.of(nested));
        LuaMessage deep = LuaMessage.from(1);
        for (int i = 0; i < 20; i++) {
            deep = new LuaMessage.Table(Map.of("next", deep));
        }
        assertThat(MessageSize.ofTable((LuaMessage.Table) deep, Long.MAX_VALUE)).isEqualTo(MessageSize.of(deep));
    }
}
