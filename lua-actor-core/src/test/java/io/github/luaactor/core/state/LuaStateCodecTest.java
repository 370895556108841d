package io.github.luaactor.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

class LuaStateCodecTest {
    private final Globals lua = JsePlatform.standardGlobals();

    private LuaValue eval(String expression) {
        return lua.load("return " + expression).call();
    }

    private LuaValue roundTrip(LuaValue value) {
        return LuaStateCodec.decode("a", LuaStateCodec.encode("a", value, 1 << 20));
    }

    @Test
    void tablesWithTypedKeysRoundTrip() {
        LuaValue state = eval("{ count = 3, [1] = 'one', [2.5] = 'half', [true] = false, nested = { x = -7 } }");
        LuaValue back = roundTrip(state);
        assertThat(back.get("count")).isInstanceOf(LuaInteger.class).isEqualTo(LuaValue.valueOf(3));
        assertThat(back.get(1).tojstring()).isEqualTo("one");
        assertThat(back.get(LuaValue.valueOf(2.5)).tojstring()).isEqualTo("half");
        assertThat(back.get(LuaValue.TRUE)).isEqualTo(LuaValue.FALSE);
        assertThat(back.get("nested").get("x").toint()).isEqualTo(-7);
    }

    @Test
    void numbersKeepTheirLuaJType() {
        assertThat(roundTrip(LuaValue.valueOf(0x1p40))).isInstanceOf(LuaDouble.class).isEqualTo(LuaValue.valueOf(0x1p40));
        assertThat(roundTrip(LuaValue.valueOf(Double.NaN)).todouble()).isNaN();
        assertThat(roundTrip(LuaValue.valueOf(-0.0)).todouble()).isEqualTo(-0.0);
        assertThat(roundTrip(LuaValue.valueOf(Integer.MIN_VALUE)).toint()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void stringsAreByteExact() {
        byte[] raw = {(byte) 0xff, 0, (byte) 0xc3, 'a', (byte) 0x80};
        LuaValue back = roundTrip(LuaString.valueOf(raw));
        LuaString s = back.checkstring();
        byte[] copy = new byte[s.m_length];
        s.copyInto(0, copy, 0, copy.length);
        assertThat(copy).isEqualTo(raw);
    }

    @Test
    void nilStateRoundTrips() {
        assertThat(roundTrip(LuaValue.NIL).isnil()).isTrue();
        assertThat(LuaStateCodec.encode("a", LuaValue.NIL, 10)).containsExactly(LuaStateCodec.FORMAT_1, 0);
    }

    @Test
    void documentedBytes() {
        LuaTable t = new LuaTable();
        t.set("n", 1);
        assertThat(LuaStateCodec.encode("a", t, 100)).containsExactly(1, 6, 1, 5, 1, 'n', 3, 0, 0, 0, 1);
    }

    @Test
    void functionsAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> LuaStateCodec.encode("counter", eval("{ a = { b = print } }"), 1000))
            .isInstanceOf(StateStoreException.class)
            .hasMessageContaining("counter")
            .hasMessageContaining("ctx.state.a.b holds a value of type 'function'");
    }

    @Test
    void cyclesAreRefused() {
        LuaValue t = lua.load("local t = {} t.self = t return t").call();
        assertThatThrownBy(() -> LuaStateCodec.encode("a", t, 1000)).hasMessageContaining("ctx.state.self contains itself");
    }

    @Test
    void sizeLimitIsEnforced() {
        assertThatThrownBy(() -> LuaStateCodec.encode("big", eval("{ s = string.rep('x', 2000) }"), 1000))
            .isInstanceOf(StateTooLargeException.class)
            .hasMessageContaining("max-state-size (1000 bytes)");
    }

    @Test
    void unknownFormatAndCorruptBytesAreClearErrors() {
        assertThatThrownBy(() -> LuaStateCodec.decode("a", new byte[] {9, 0})).hasMessageContaining("format version 9");
        assertThatThrownBy(() -> LuaStateCodec.decode("a", new byte[] {1, 6, 100})).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> LuaStateCodec.decode("a", new byte[] {1, 5, 4, 'a'})).hasMessageContaining("ends early");
    }

    @Test
    void inMemoryStoreChecksRevisions() {
        InMemoryLuaStateStore store = new InMemoryLuaStateStore();
        assertThat(store.save("a", new byte[] {1}, 0)).isEqualTo(1);
        assertThat(store.save("a", new byte[] {2}, 1)).isEqualTo(2);
        assertThatThrownBy(() -> store.save("a", new byte[] {3}, 1)).isInstanceOf(StateConflictException.class)
            .hasMessageContaining("revision 2").hasMessageContaining("last saw revision 1");
        assertThat(store.load("a")).get().extracting(StateSnapshot::revision).isEqualTo(2L);
        store.delete("a");
        assertThat(store.load("a")).isEmpty();
        assertThatThrownBy(() -> store.save("a", new byte[] {3}, 2)).isInstanceOf(StateConflictException.class);
    }
}
