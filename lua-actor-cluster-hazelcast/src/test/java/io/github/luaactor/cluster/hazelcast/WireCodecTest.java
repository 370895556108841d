package io.github.luaactor.cluster.hazelcast;

import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireCodecTest {
    private final WireCodec codec = new WireCodec(256);

    @Test
    void everyShapeRoundTrips() {
        LuaMessage message = LuaMessage.from(Map.of("s", "héllo", "i", -42L, "big", Long.MIN_VALUE, "f", 1.5,
                "t", true, "list", List.of(1, 2, 3), "nested", Map.of("x", false)));
        assertThat(codec.decode("a", codec.encode("a", message))).isEqualTo(message);
        assertThat(codec.decode("a", codec.encode("a", LuaMessage.NIL))).isEqualTo(LuaMessage.NIL);
        assertThat(codec.decode("a", codec.encode("a", LuaMessage.from(Double.NaN))))
                .isEqualTo(LuaMessage.from(Double.NaN));
    }

    @Test
    void bytesAndNegativeZeroRoundTripExactly() {
        LuaMessage.Bytes binary = new LuaMessage.Bytes(new byte[] {(byte) 0xff, 0, (byte) 0xc8});
        LuaMessage message = new LuaMessage.Table(Map.of("b", binary, binary, LuaMessage.from(1),
                "z", new LuaMessage.Num(-0.0)));
        byte[] encoded = codec.encode("a", message);
        assertThat(encoded[0]).as("a message with bytes needs version 2").isEqualTo(WireCodec.VERSION);
        LuaMessage decoded = codec.decode("a", encoded);
        assertThat(decoded).isEqualTo(message);
        assertThat(((LuaMessage.Table) decoded).get("z")).isInstanceOfSatisfying(LuaMessage.Num.class,
                n -> assertThat(Double.doubleToRawLongBits(n.value())).isEqualTo(Long.MIN_VALUE));
    }

    @Test
    void aMessageWithoutBytesStaysVersionOneForMembersOfThePreviousRelease() {
        byte[] encoded = codec.encode("a", LuaMessage.from(Map.of("s", "héllo", "n", 1)));
        assertThat(encoded[0]).isEqualTo(WireCodec.VERSION_1);
        // What a member of the previous release wrote: version 1, a table of one string.
        byte[] previous = {1, 6, 1, 5, 1, 'k', 5, 2, 'o', 'k'};
        assertThat(codec.decode("a", previous)).isEqualTo(LuaMessage.table("k", "ok"));
    }

    @Test
    void smallValuesAreCompact() {
        assertThat(codec.encode("a", LuaMessage.from(1))).hasSize(3);
        assertThat(codec.encode("a", LuaMessage.from("inc"))).hasSize(6);
    }

    @Test
    void anUnknownVersionIsRefusedNamingIt() {
        byte[] bytes = codec.encode("a", LuaMessage.from(1));
        bytes[0] = 9;
        assertThatThrownBy(() -> codec.decode("a", bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void theSizeLimitHoldsBothWays() {
        assertThatThrownBy(() -> codec.encode("big", LuaMessage.from("x".repeat(300))))
                .isInstanceOf(MessageTooLargeException.class).hasMessageContaining("'big'").hasMessageContaining("256");
        byte[] large = new WireCodec(1000).encode("big", LuaMessage.from("x".repeat(300)));
        assertThatThrownBy(() -> codec.decode("big", large)).isInstanceOf(MessageTooLargeException.class);
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = codec.encode("a", LuaMessage.from("hello"));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        assertThatThrownBy(() -> codec.decode("a", cut)).isInstanceOf(RuntimeException.class);
    }
}
