package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A number that a library function uses as a string reads as Lua 5.2 writes it ({@code %.14g}), not as LuaJ does:
 * values whose texts differ (1/3, 1e15, 2^63, 1e100, -0.0) against what C Lua 5.2 gives. Numbers a function reads as
 * numbers (counts, positions, codes) stay numbers, and {@code json} keeps writing JSON numbers.
 * {@link InterpretedLibraryNumberTextTest} runs it again with handlers interpreted.
 */
class LibraryNumberTextTest extends ActorTestSupport {

    static Stream<Arguments> conversions() {
        return Stream.of(
                same("table.concat of numbers", "return table.concat({1/3, 1e15, 2^63, 1e100, 0.1, 7}, ' ')",
                        "0.33333333333333 1e+15 9.2233720368548e+18 1e+100 0.1 7"),
                same("table.concat with a number separator", "return table.concat({'a', 'b'}, 1/3)",
                        "a0.33333333333333b"),
                same("table.concat of whole numbers and an integer separator", "return table.concat({1, 2, 3}, 0)",
                        "10203"),
                same("string.len", "return string.len(1/3) .. ',' .. string.len(2^63) .. ',' .. string.len(1e15)",
                        "16,19,5"),
                same("string.rep of a number with a number separator", "return string.rep(1e15, 2, 0.5)",
                        "1e+150.51e+15"),
                same("string.rep counts stay counts", "return ('x'):rep(3) .. string.rep(5, 3) .. ('y'):rep(2.0)",
                        "xxx555yy"),
                same("string.sub", "return string.sub(2^63, 1, 6) .. '|' .. string.sub(1e100, -3)", "9.2233|100"),
                same("string.upper and lower", "return string.upper(1e100) .. string.lower(1e15)", "1E+1001e+15"),
                same("string.byte", "return string.byte(1e15, 2)", 101),
                same("string.reverse", "return string.reverse(1e15)", "51+e1"),
                same("string.format's format", "return string.format(1/3)", "0.33333333333333"),
                same("string.find subject and pattern", """
                        local a, b = string.find(1/3, '3', 1, true)
                        local c, d = string.find('x1e+15', 1e15, 1, true)
                        return a .. b .. c .. d""", "3326"),
                same("string.match", "return table.concat({string.match(2^63, '^(%d)%.(%d+)e')}, ',')",
                        "9,2233720368548"),
                same("string.gmatch", """
                        local r = {}
                        for w in string.gmatch(1e100, '%d+') do r[#r + 1] = w end
                        return table.concat(r, ',')""", "1,100"),
                same("string.gsub subject", "return (string.gsub(1/3, '3', 'x'))", "0.xxxxxxxxxxxxxx"),
                same("string.gsub replacement number", "return (string.gsub('a', 'a', 1e15))", "1e+15"),
                same("string.gsub replacement function returning a number",
                        "return (string.gsub('a', 'a', function() return 1/3 end))", "0.33333333333333"),
                same("string.gsub replacement table holding a number", "return (('a'):gsub('a', {a = 2^63}))",
                        "9.2233720368548e+18"),
                same("string.char takes codes", "return string.char(72, 105.0)", "Hi"),
                same("error with a number at level 1",
                        "local ok, e = pcall(function() error(1/3) end) return e", "numbers.handle:1: 0.33333333333333"),
                same("os.date with a number as its format", "return os.date(1/3)", "0.33333333333333"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void numbersReadAsLuaWritesThem(String name, String snippet, Object expected) {
        assertThat(ask(actor("numbers", snippet), 1)).isEqualTo(LuaMessage.from(expected));
    }

    @Test
    void aNegativeZeroFromAMessageReadsAsMinusZero() {
        LuaActorRef actor = actor("zero", """
                return string.len(ctx.msg) .. '|' .. table.concat({ctx.msg, 'x'}, ctx.msg) .. '|'
                    .. string.rep(ctx.msg, 2) .. '|' .. (string.gsub(ctx.msg, '0', 'o'))""");
        assertThat(ask(actor, -0.0)).isEqualTo(LuaMessage.from("2|-0-0x|-0-0|-o"));
    }

    @Test
    void jsonKeepsWritingJsonNumbers() {
        LuaActorRef actor = actor("json", "local json = require('json') return json.encode({1/3, 1e15, 0.5, 3})");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("[0.3333333333333333,1000000000000000,0.5,3]"));
    }

    private static Arguments same(String name, String snippet, Object expected) {
        return Arguments.of(name, snippet, expected);
    }
}
