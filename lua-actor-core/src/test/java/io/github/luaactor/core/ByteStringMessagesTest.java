package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import org.junit.jupiter.api.Test;

/**
 * Lua strings are bytes: whatever crosses a message, a reply, a state snapshot or a saved state arrives byte for
 * byte, with well-formed UTF-8 as {@link LuaMessage.Str} and anything else as {@link LuaMessage.Bytes}; and a
 * negative zero keeps its sign ({@code tostring} gives {@code -0}; LuaJ's division ignores the sign of a zero
 * divisor, so {@code 1/x} is {@code inf} as in LuaJ itself, see docs/lua-ctx-reference.md). {@link InterpretedByteStringMessagesTest} runs the same with handlers interpreted.
 */
class ByteStringMessagesTest extends ActorTestSupport {
    private static final byte[] BINARY = {(byte) 0xff, 0, (byte) 0xc8};
    /** Returns the bytes of the message as a list of numbers, so nothing on the way back can hide a change. */
    private static final String BYTES_OF = "return {string.byte(ctx.msg, 1, -1)}";

    @Test
    void aStringSentFromOneActorToAnotherArrivesByteForByte() {
        actor("b", BYTES_OF);
        LuaActorRef a = actor("a", "return ctx.send('b', '\\255\\0\\200')");
        assertThat(ask(a, 1)).isEqualTo(LuaMessage.from(List.of(255, 0, 200)));
    }

    @Test
    void aReplyFromAnotherActorIsByteExact() {
        actor("b", "return '\\255\\0' .. ctx.msg");
        LuaActorRef a = actor("a", """
                local r = ctx.send('b', '\\128x')
                return tostring(r == '\\255\\0\\128x') .. #r""");
        assertThat(ask(a, 1)).isEqualTo(LuaMessage.from("true4"));
    }

    @Test
    void javaSeesUtf8AsStrAndOtherBytesAsBytes() {
        LuaActorRef actor = actor("strings", """
                local strings = {
                  binary = '\\255\\0\\200', text = '\\195\\169\\240\\159\\152\\128',
                  surrogate = '\\237\\160\\128', overlong = '\\192\\128', cut = '\\195'
                }
                return strings[ctx.msg]""");
        assertThat(ask(actor, "binary")).isEqualTo(new LuaMessage.Bytes(BINARY));
        assertThat(ask(actor, "text")).isEqualTo(LuaMessage.from("\u00e9\ud83d\ude00"));
        assertThat(ask(actor, "surrogate")).as("CESU-8 is not UTF-8")
                .isEqualTo(new LuaMessage.Bytes(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        assertThat(ask(actor, "overlong")).isEqualTo(new LuaMessage.Bytes(new byte[] {(byte) 0xc0, (byte) 0x80}));
        assertThat(ask(actor, "cut")).isEqualTo(new LuaMessage.Bytes(new byte[] {(byte) 0xc3}));
        LuaMessage.Bytes binary = (LuaMessage.Bytes) ask(actor, "binary");
        assertThat(binary.luaType()).isEqualTo("string");
        assertThat(binary.asString()).isEqualTo("\ufffd\0\ufffd");
        assertThat((byte[]) binary.toJava()).containsExactly(BINARY);
    }

    @Test
    void bytesFromJavaReachLuaUnchanged() {
        LuaActorRef actor = actor("reader", BYTES_OF);
        assertThat(ask(actor, new LuaMessage.Bytes(BINARY))).isEqualTo(LuaMessage.from(List.of(255, 0, 200)));
        assertThat(ask(actor, LuaMessage.fromBytes("\u00e9".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(LuaMessage.from(List.of(0xc3, 0xa9)));
    }

    @Test
    void tableKeysThatAreNotUtf8CrossAsBytes() {
        actor("b", "local out = {} for k, v in pairs(ctx.msg) do out[#out + 1] = #k .. ':' .. k:byte() .. '=' .. v end "
                + "return table.concat(out, ',')");
        LuaActorRef a = actor("a", "if ctx.msg == 'forward' then return ctx.send('b', {['\\254'] = 7}) end "
                + "return {['\\254'] = 7, plain = 1}");
        assertThat(ask(a, "forward")).isEqualTo(LuaMessage.from("1:254=7"));
        LuaMessage.Table table = (LuaMessage.Table) ask(a, "reply");
        assertThat(table.get(new LuaMessage.Bytes(new byte[] {(byte) 0xfe}))).isEqualTo(LuaMessage.from(7));
        assertThat(table.get("plain")).isEqualTo(LuaMessage.from(1));
    }

    @Test
    void aStateSnapshotKeepsTheBytes() {
        LuaActorRef actor = actor("keeper", "ctx.state.s = '\\255\\0\\200' ctx.state['\\254'] = true return 1");
        ask(actor, 1);
        LuaMessage.Table state = (LuaMessage.Table) join(actor.stateSnapshot());
        assertThat(state.get("s")).isEqualTo(new LuaMessage.Bytes(BINARY));
        assertThat(state.get(new LuaMessage.Bytes(new byte[] {(byte) 0xfe}))).isEqualTo(LuaMessage.Bool.TRUE);
    }

    @Test
    void aDurableStateKeepsTheBytesAndTheSignOfZeroAcrossARestart() {
        InMemoryLuaStateStore store = new InMemoryLuaStateStore();
        String handle = """
                if ctx.msg == 'read' then
                  return {bytes = {string.byte(ctx.state.s, 1, -1)}, zero = tostring(ctx.state.z[1])}
                end
                ctx.state.s = '\\255\\0\\200'
                -- In a list: LuaJ keeps a number under a string key as a bare double, which drops the sign.
                ctx.state.z = {ctx.msg}
                return 1""";
        LuaActorRef first = LuaActorBuilder.create().name("durable").onHandle(handle)
                .state(StateSettings.durable(store)).start(system);
        ask(first, -0.0);
        system.close();

        system = newSystem();
        LuaActorRef again = LuaActorBuilder.create().name("durable").onHandle(handle)
                .state(StateSettings.durable(store)).start(system);
        assertThat(ask(again, "read")).isEqualTo(LuaMessage.table(
                "bytes", List.of(255, 0, 200), "zero", "-0"));
    }

    @Test
    void negativeZeroKeepsItsSignInMessagesRepliesAndSnapshots() {
        actor("b", "return tostring(ctx.msg) .. ' ' .. ('%g'):format(ctx.msg) .. ' ' "
                + ".. tostring(math.atan2(ctx.msg, -1) < 0)");
        LuaActorRef a = actor("a", "ctx.state.z = {ctx.msg} return {ctx.send('b', ctx.msg), ctx.msg}");
        LuaMessage.Table reply = (LuaMessage.Table) ask(a, -0.0);
        assertThat(reply.get(1L)).as("in the actor it was forwarded to").isEqualTo(LuaMessage.from("-0 -0 true"));
        assertThat(reply.get(2L)).isInstanceOfSatisfying(LuaMessage.Num.class,
                n -> assertThat(Double.doubleToRawLongBits(n.value())).isEqualTo(Long.MIN_VALUE));
        LuaMessage z = ((LuaMessage.Table) ((LuaMessage.Table) join(a.stateSnapshot())).get("z")).get(1L);
        assertThat(z).isInstanceOfSatisfying(LuaMessage.Num.class,
                n -> assertThat(Double.doubleToRawLongBits(n.value())).isEqualTo(Long.MIN_VALUE));
        assertThat(ask(a, 0.0)).as("a positive zero stays an integer")
                .isEqualTo(LuaMessage.from(List.of("0 0 false", 0)));
    }

    @Test
    void bytesEqualByContentAndCopyTheirArray() {
        byte[] raw = BINARY.clone();
        LuaMessage.Bytes bytes = new LuaMessage.Bytes(raw);
        raw[0] = 1;
        bytes.value()[1] = 1;
        assertThat(bytes).isEqualTo(new LuaMessage.Bytes(BINARY)).hasSameHashCodeAs(new LuaMessage.Bytes(BINARY));
        assertThat(bytes.value()).containsExactly(BINARY);
        assertThat(bytes.length()).isEqualTo(3);
        assertThat(bytes.toString()).isEqualTo("Bytes[ff 00 c8]");
        assertThat(LuaMessage.fromBytes(BINARY)).isEqualTo(bytes);
        assertThat(LuaMessage.fromBytes("ok".getBytes(StandardCharsets.UTF_8))).isEqualTo(LuaMessage.from("ok"));
        assertThat(LuaMessage.from(bytes)).isSameAs(bytes);
    }
}
