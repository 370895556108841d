package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ..} writes numbers as Lua 5.2 does ({@code "%.14g"}), compiled and interpreted alike, in two-operand
 * concatenations and in chains; a {@code __concat} metamethod still receives the number itself.
 */
class ConcatNumberFormatTest {

    private static LuaMessage run(boolean compiled, String handler) throws Exception {
        try (LuaActorSystem system = LuaActorSystem.builder().compileHandlers(compiled).build()) {
            LuaActorRef actor = LuaActorBuilder.create().name("concat").onHandle(handler).start(system);
            return actor.send(LuaMessage.NIL).get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void numbersAreWrittenWithFourteenSignificantDigits(boolean compiled) throws Exception {
        assertThat(run(compiled, "return 1e15 .. ''")).isEqualTo(LuaMessage.from("1e+15"));
        assertThat(run(compiled, "return '' .. 2^53")).isEqualTo(LuaMessage.from("9.007199254741e+15"));
        assertThat(run(compiled, "return 0.1 .. ''")).isEqualTo(LuaMessage.from("0.1"));
        assertThat(run(compiled, "return 1/3 .. ''")).isEqualTo(LuaMessage.from("0.33333333333333"));
        assertThat(run(compiled, "return 123456789012 .. ''")).isEqualTo(LuaMessage.from("123456789012"));
        assertThat(run(compiled, "return 2^31 .. ''")).isEqualTo(LuaMessage.from("2147483648"));
        assertThat(run(compiled, "local big = 1e15 return 'n=' .. big .. ', m=' .. 1e16 .. ', k=' .. 2"))
                .isEqualTo(LuaMessage.from("n=1e+15, m=1e+16, k=2"));
        assertThat(run(compiled, "local x = 1e100 return x .. '|' .. x")).isEqualTo(LuaMessage.from("1e+100|1e+100"));
    }

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void aConcatMetamethodReceivesTheNumberItself(boolean compiled) throws Exception {
        String meta = "local t = setmetatable({}, {__concat = function(a, b) "
                + "return type(a) .. ':' .. type(b) end}) ";
        assertThat(run(compiled, meta + "return t .. 1e15")).isEqualTo(LuaMessage.from("table:number"));
        assertThat(run(compiled, meta + "return 1e15 .. t")).isEqualTo(LuaMessage.from("number:table"));
        assertThat(run(compiled, meta + "return 'x' .. (t .. 1e15)")).isEqualTo(LuaMessage.from("xtable:number"));
    }
}
