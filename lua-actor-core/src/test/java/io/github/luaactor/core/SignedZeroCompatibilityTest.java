package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Negative zero as C Lua 5.2 has it: every number is a C double, so {@code -0} keeps its sign through library
 * functions, literals and tables, prints as {@code -0} ({@code %.14g}) and makes {@code 1/x} {@code -inf}. Each
 * snippet runs in an actor; the expected value is what {@code lua5.2} prints for it, reasoned from the 5.2 manual and
 * C's double semantics (IEEE 754, glibc's libm). {@link InterpretedSignedZeroCompatibilityTest} runs them again with
 * handlers interpreted.
 */
class SignedZeroCompatibilityTest extends ActorTestSupport {

    static Stream<Arguments> libraries() {
        return Stream.of(
                // C's ceil, floor, sqrt, sin, tan, asin, atan, sinh, tanh, pow, atan2, fmod and ldexp keep the
                // sign of zero; deg divides and rad multiplies by pi/180; fabs makes it positive.
                same("math functions give -0 where C's do", """
                        local zero = 0
                        local z = zero * -1
                        local r = {math.ceil(-0.5), math.ceil(z), math.floor(z), math.fmod(-1, 1), math.fmod(z, 1),
                            math.sqrt(z), math.sin(z), math.tan(z), math.asin(z), math.atan(z), math.sinh(z),
                            math.tanh(z), math.deg(z), math.rad(z), math.pow(z, 3), math.atan2(z, 1),
                            math.ldexp(z, 4), math.ldexp(-1, -2000), math.abs(z), math.floor(0.5), math.pow(z, 2)}
                        for i = 1, #r do r[i] = tostring(r[i]) end
                        return table.concat(r, ' ')""",
                        "-0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 0 0 0"),
                same("1/x of a library -0 is -inf", "return tostring(1 / math.ceil(-0.5)) .. ' ' .. tostring(1 / math.floor(0.5))",
                        "-inf inf"),
                // C's modf: both parts carry the sign of x; a whole or infinite x has a zero fraction.
                same("math.modf", """
                        local function m(x) local a, b = math.modf(x) return tostring(a) .. ',' .. tostring(b) end
                        return table.concat({m(-0.5), m(-3), m(3.25), m(1/0), m(-1/0), m(2^53)}, ' ')""",
                        "-0,-0.5 -3,-0 3,0.25 inf,0 -inf,-0 9.007199254741e+15,0"),
                // 5.2's max and min: the first argument, replaced only by a strictly greater (smaller) one.
                same("math.max and math.min keep the first of equal values", """
                        local zero = 0
                        local z = zero * -1
                        local nan = 0 / zero
                        local r = {math.max(z), math.max(z, 0), math.max(0, z), math.min(0, z), math.min(z, 0),
                            math.max(1, nan), math.min(2, 1, 3), math.max('5', 4), tostring(math.max(nan, 1) ~= math.max(nan, 1))}
                        for i = 1, #r do r[i] = tostring(r[i]) end
                        return table.concat(r, ' ')""", "-0 -0 0 0 -0 1 1 5 true"),
                same("math.frexp", """
                        local zero = 0
                        local r = {}
                        for _, x in ipairs({zero * -1, 0, 8, -3, 2^-1074, 1/3, 1/0}) do
                          local m, e = math.frexp(x)
                          r[#r + 1] = tostring(m) .. ',' .. tostring(e)
                        end
                        return table.concat(r, ' ')""",
                        "-0,0 0,0 0.5,4 -0.75,2 0.5,-1073 0.66666666666667,-1 inf,0"),
                // ldexp and fmod are exact in C: 1e20 is 2^20 * 5^20, exactly 1 more than a multiple of 3.
                same("math.ldexp and math.fmod are exact", """
                        return table.concat({math.ldexp(0.5, -1073), math.ldexp(1, 1023), math.ldexp(1, 1024),
                            math.ldexp(3, -1), math.fmod(1e20, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(5.5, 2)}, ' ')""",
                        "4.9406564584125e-324 8.9884656743116e+307 inf 1.5 1 -1 1 1.5"),
                same("math.deg and math.rad as 5.2 computes them", "return math.deg(math.pi) .. ' ' .. math.rad(180)",
                        "180 3.1415926535898"),
                // strtod reads "-0" as -0; tonumber with a base negates the value it read.
                same("tonumber of '-0'", """
                        return tostring(tonumber('-0')) .. ' ' .. tostring(1 / tonumber(' -0 ')) .. ' '
                            .. tostring(tonumber('-0', 10)) .. ' ' .. tostring(1 / tonumber('-0x0'))""",
                        "-0 -inf -0 -inf"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void libraryFunctionsGiveNegativeZeroAsC(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                // 5.2 reads every numeral as a double and folds -0.0, -0 and 0.0 * -1 to the double -0.
                same("a -0.0 written in a script keeps its sign", "local z = -0.0 return 1 / z", Double.NEGATIVE_INFINITY),
                same("-0 is the double -0 too", "return tostring(1 / -0) .. ' ' .. tostring(-0) .. ' ' .. tostring(-0.0)",
                        "-inf -0 -0"),
                same("a -0.0 reaches Java as -0.0", "return -0.0", -0.0),
                same("folded products, quotients and differences keep the sign", """
                        return table.concat({tostring(0.0 * -1), tostring(0 * -1), tostring(0 / -3), tostring(-0 - 0),
                            tostring(-(0)), tostring((-0) * 2), tostring(-0 ^ 2), tostring(-0.0 + 0), tostring(-0 * -1),
                            tostring(1 / (0 * -1)), tostring(1 / 0x0 * -1), tostring(-0 .. ''), ('%g'):format(-0.0)}, ' ')""",
                        "-0 -0 -0 -0 -0 -0 -0 0 0 -inf -inf -0 -0"),
                same("a -0.0 in a list constructor and in a nested function",
                        "local function f() return -0.0 end return tostring(1 / ({-0.0})[1]) .. tostring(1 / f())",
                        "-inf-inf"),
                same("an expression over several lines keeps the lines after it", """
                        local z = -
                          0.0 * (
                          1)
                        local ok, e = pcall(error, 'here')
                        return tostring(1 / z) .. ' ' .. select(2, pcall(function() error('x') end))""",
                        "-inf zero.handle:5: x"),
                // not -0 is false, -0 and 1 is 1, -0 or 1 is -0 (a number is true whatever its sign).
                same("constants that are only tested", """
                        local a = (-0 and 1) .. tostring(-0 or 1) .. tostring(not -0)
                        if -0.0 then a = a .. tostring(1 / -0) end
                        return a""", "1-0false-inf"),
                same("-0 as a key is the key 0", """
                        local t = {[0] = 'zero', a = 1, b = 2, c = 3, d = 4, e = 5}
                        return t[-0] .. ({[-0.0] = 'k'})[0]""", "zerok"),
                same("a -0 held in a variable is the key 0 of a table with a hash part", """
                        local t = {[0] = 'zero', a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7}
                        local zero, z = 0, -0.0
                        local y = zero * -1
                        t[z] = t[z] .. '!'
                        t[y] = t[y] .. '?'
                        rawset(t, y, rawget(t, y) .. '.')
                        return t[0] .. tostring(rawget(t, z)) .. tostring(rawequal(z, 0))""", "zero!?.zero!?.true"),
                same("load keeps the sign", "return load('return 1 / -0.0')() .. ' ' .. load('local z = 0 * -1 return tostring(z)')()",
                        "-inf -0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void negativeZeroWrittenInAScriptKeepsItsSign(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    private LuaMessage run(String snippet) {
        return ask(actor("zero", snippet), 1);
    }

    private static Arguments same(String name, String snippet, Object expected) {
        return Arguments.of(name, snippet, expected);
    }
}
