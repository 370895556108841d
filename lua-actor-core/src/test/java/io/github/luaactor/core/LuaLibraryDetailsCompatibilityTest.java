package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Details of the Lua 5.2.4 standard library where LuaJ 3.0.1 answers otherwise, each run in an actor against the
 * value the manual and 5.2.4's C library give: string order ({@code strcoll} in the C locale), {@code _VERSION},
 * {@code math.log}'s base, C99's {@code pow}, {@code string.sub} and {@code byte} with 64-bit positions,
 * {@code bit32}'s shifts and fields, {@code os.date('!*t')}, {@code os.difftime}, {@code assert} and {@code load}
 * argument errors, {@code select}, {@code pairs} and {@code rawset}. {@link InterpretedLuaLibraryDetailsCompatibilityTest}
 * runs them again with handlers interpreted.
 */
class LuaLibraryDetailsCompatibilityTest extends ActorTestSupport {

    static Stream<Arguments> details() {
        return Stream.of(
                same("_VERSION names the language", "return _VERSION", "Lua 5.2"),
                // 5.2.4 keeps gsub's count in a size_t
                same("gsub with a negative or NaN count replaces every match",
                        "return (('aaa'):gsub('a', 'b', -1)) .. select(2, ('aaa'):gsub('a', 'b', -1)) .. ' ' "
                        + ".. ('aaa'):gsub('a', 'b', 0/0) .. ' ' .. ('aaa'):gsub('a', 'b', -math.huge) .. ' ' "
                        + ".. ('aaa'):gsub('a', 'b', 2) .. ' ' .. ('aaa'):gsub('a', 'b', 0)", "bbb3 bbb bbb bba aaa"),
                same("__len receives the table twice", "local t = setmetatable({}, {__len = function(a, b) "
                        + "return tostring(rawequal(a, b)) .. type(b) end}) return #t", "truetable"),
                same("the library's __len receives the table twice too", "local t = setmetatable({}, {__len = "
                        + "function(a, b) return rawequal(a, b) and 2 or 0 end}) t[1] = 'x' t[2] = 'y' "
                        + "return table.concat(t)", "xy"),
                same("table.concat names the value's type",
                        "return select(2, pcall(table.concat, {1, {}, 3}))",
                        "invalid value (table) at index 2 in table for 'concat'"),
                same("pairs(_G) lists coroutine before any use of it",
                        "local has = false for k in pairs(_G) do if k == 'coroutine' then has = true end end "
                        + "return tostring(has) .. ' ' .. type(select(2, next(_G, 'coroutine')) ~= nil)",
                        "true boolean"),
                same("coroutine set to nil stays out of pairs(_G)",
                        "coroutine = nil local has = false for k in pairs(_G) do if k == 'coroutine' then has = true "
                        + "end end return tostring(has) .. ' ' .. tostring(coroutine)", "false nil"),
                // l_strcmp: strcoll, which compares unsigned bytes in the C locale
                same("a byte above 127 sorts after ASCII", "return tostring('\\200' > 'a') .. tostring('\\255' > '\\1')",
                        "truetrue"),
                same("a prefix sorts first, embedded zeros count",
                        "return tostring('a\\200' < 'a\\1') .. tostring('a' < 'a\\0') .. tostring('a\\0b' < 'a\\0c')",
                        "falsetruetrue"),
                same("UTF-8 text sorts by its bytes", """
                        local t = {'\u00e9t\u00e9', 'zoo', 'abc', '\\1'}
                        table.sort(t)
                        return t[1]:byte() .. ',' .. t[2] .. ',' .. t[3] .. ',' .. t[4]""",
                        "1,abc,zoo,\u00e9t\u00e9"),
                same("<= on strings with high bytes", "return tostring('\\128' <= '\\127') .. tostring('\\128' >= '\\128')",
                        "falsetrue"),
                same("math.log with a base", "return math.log(8, 2) .. ' ' .. math.log(100, 10) .. ' ' .. math.log(27, 3)",
                        "3 2 3"),
                same("math.log of base 1 and without a base", "return math.log(2, 1) .. ' ' .. math.log(1)", "inf 0"),
                same("math.log10 of the 5.2 standard build", "return math.log10(1000)", 3),
                // C99 pow: pow(1, y) is 1 for every y, pow(-1, +-inf) is 1
                same("1 ^ NaN and 1 ^ inf are 1", "local nan = 0/0 return (1 ^ nan) .. (1 ^ math.huge) .. (1 ^ -math.huge)",
                        "111"),
                same("-1 ^ inf is 1", "local inf = math.huge return ((-1) ^ inf) .. ((-1) ^ -inf)", "11"),
                same("math.pow follows pow", "return math.pow(1, 0/0) .. math.pow(-1, math.huge)", "11"),
                same("a folded constant follows pow", "return 1 ^ (1/0)", 1),
                same("-2^63 prints with %.14g", "return tostring(-2^63) .. ' ' .. (-2^63 .. '')",
                        "-9.2233720368548e+18 -9.2233720368548e+18"),
                same("string.sub beyond 2^32", "return ('hello'):sub(2^32 + 2) .. '|' .. ('hello'):sub(1, 2^32 + 2)",
                        "|hello"),
                same("string.sub to 2^53 and from -2^53",
                        "return ('hello'):sub(2, 2^53) .. '|' .. ('hello'):sub(-2^53, 2^53) .. '|' .. ('hello'):sub(2^31)",
                        "ello|hello|"),
                same("string.sub with ordinary positions",
                        "return ('hello'):sub(-3) .. '|' .. ('hello'):sub(0) .. '|' .. ('hello'):sub(2, -2) .. '|' "
                        + ".. ('hello'):sub(4, 2) .. '|' .. ('hello'):sub(-100, 2)", "llo|hello|ell||he"),
                same("string.byte from 0 or before the start is nothing",
                        "return select('#', ('abc'):byte(0)) .. select('#', ('abc'):byte(-10)) .. ('abc'):byte(-10, 1)",
                        "0097"),
                same("string.byte beyond 2^32",
                        "return select('#', string.byte('abc', 2^32 + 1)) .. select('#', string.byte('abc', 1, 2^32))",
                        "03"),
                same("string.byte with ordinary positions",
                        "return string.byte('abc', -1) .. select('#', ('abc'):byte(3, 2)) .. ('abc'):byte() "
                        + ".. table.concat({('abc'):byte(1, -1)}, ',')", "99097" + "97,98,99"),
                same("bit32.arshift by 32 or more", "return bit32.arshift(0x80000000, 32) .. ' ' .. "
                        + "bit32.arshift(0x80000000, 100) .. ' ' .. bit32.arshift(0x40000000, 32)",
                        "4294967295 4294967295 0"),
                same("bit32.arshift left and within range", "return bit32.arshift(8, -40) .. ' ' .. bit32.arshift(1, -31) "
                        + ".. ' ' .. bit32.arshift(0x80000000, 4) .. ' ' .. bit32.arshift(-16, 2)",
                        "0 2147483648 4160749568 4294967292"),
                same("bit32.extract and replace", "return bit32.extract(0xF0, 4, 4) .. ' ' .. bit32.replace(0, 0xF, 4, 4) "
                        + ".. ' ' .. bit32.extract(-1, 0, 32) .. ' ' .. bit32.extract(5, 0)", "15 240 4294967295 1"),
                same("bit32.extract refuses width 0",
                        "return select(2, pcall(function() return bit32.extract(1, 0, 0) end))",
                        "details.handle:1: bad argument #3 to 'extract' (width must be positive)"),
                same("bit32.replace refuses a negative field",
                        "return select(2, pcall(function() return bit32.replace(1, 1, -1) end))",
                        "details.handle:1: bad argument #3 to 'replace' (field cannot be negative)"),
                same("bit32 checks the field before the width",
                        "return select(2, pcall(function() return bit32.extract(1, -1, 0) end))",
                        "details.handle:1: bad argument #2 to 'extract' (field cannot be negative)"),
                // luaconf.h's LUA_IEEE754TRICK on x86-64: n + 2^52 + 2^51, rounded to nearest-even, low 32 bits
                same("bit32 rounds a non-integral number to nearest, ties to even",
                        "return bit32.band(1.5) .. ' ' .. bit32.band(2.5) .. ' ' .. bit32.band(-1.5) .. ' ' "
                        + ".. bit32.band(0.6) .. ' ' .. bit32.band(-0.6) .. ' ' .. bit32.bnot(0.5)",
                        "2 2 4294967294 1 4294967295 4294967295"),
                same("bit32 counts and fields are C casts, its numbers rounded",
                        "return bit32.lshift(1.5, 1.9) .. ' ' .. bit32.rshift(-1, 0.9) .. ' ' .. bit32.lrotate(3.5, 0.5) "
                        + ".. ' ' .. bit32.extract(6.5, 1.7, 2.2) .. ' ' .. bit32.rrotate(1, 1)",
                        "4 4294967295 4 3 2147483648"),
                same("bit32 takes numbers modulo 2^32",
                        "return bit32.bor(2^32 + 3.5) .. ' ' .. bit32.band(-2^32 - 1) .. ' ' .. bit32.bxor(2^40 + 5, 1) "
                        + ".. ' ' .. bit32.band() .. ' ' .. tostring(bit32.btest(1.5, 2)) .. ' ' .. bit32.bor()",
                        "4 4294967295 4 4294967295 true 0"),
                same("bit32 shifts past 31 bits and rotates by any count",
                        "return bit32.lshift(1, 32) .. ' ' .. bit32.rshift(2^31, 31) .. ' ' .. bit32.lshift(8, -3) "
                        + ".. ' ' .. bit32.lrotate(1, -1) .. ' ' .. bit32.rrotate(1, 33) .. ' ' .. bit32.lrotate(5, 64)",
                        "0 1 1 2147483648 2147483648 5"),
                same("bit32 counts wrap as C's int", "return bit32.arshift(1, 2^32) .. bit32.lshift(1, 2^32 + 1)", "12"),
                same("luaL_checkint of NaN, inf and beyond 2^63 is 0",
                        "return math.ldexp(1, 0/0) .. math.ldexp(1, math.huge) .. math.ldexp(1, 2^63) "
                        + ".. bit32.extract(0xFF, math.huge)", "1111"),
                same("__len of NaN is 0", "return '[' .. table.concat(setmetatable({}, {__len = function() return 0/0 end})) .. ']'",
                        "[]"),
                same("assert and load read their strings without metamethods", """
                        getmetatable('').__tostring = function() return 'X' end
                        local ok, e = pcall(function() assert(false, 'boom') end)
                        local f = load('return 1', 'n', 't')
                        return e .. tostring(f ~= nil)""", "details.handle:2: boomtrue"),
                same("bit32.extract beyond 32 bits", "return select(2, pcall(function() return bit32.extract(1, 30, 3) end))",
                        "details.handle:1: trying to access non-existent bits"),
                same("os.date('!*t') is a table in UTC",
                        "local t = os.date('!*t', 3600) return t.year .. t.month .. t.day .. t.hour .. t.min .. t.sec "
                        + ".. t.wday .. t.yday .. tostring(t.isdst)", "19701110051false"),
                same("os.date('*t') has every field", "local t = os.date('*t', 0) local n = 0 "
                        + "for _ in pairs(t) do n = n + 1 end return n .. type(t.isdst)", "9boolean"),
                same("os.date('!*tx') is a format", "return os.date('!*tx', 0)", "*tx"),
                same("os.date of a time beyond the calendar is nil",
                        "return tostring(os.date('!*t', 1e17)) .. tostring(os.date('%Y', 1e17)) .. tostring(os.date('*t', 2^63))",
                        "nilnilnil"),
                same("os.difftime of whole seconds", "return os.difftime(1.5, 0.2)", 1),
                same("os.difftime without its second time", "return os.difftime(10) .. ' ' .. os.difftime(10, 4)", "10 6"),
                same("assert's message must be a string when it fails",
                        "return select(2, pcall(function() assert(false, {}) end))",
                        "details.handle:1: bad argument #2 to 'assert' (string expected, got table)"),
                same("assert ignores its message when it holds", "return select('#', assert(true, {}))", 2),
                same("assert's messages are positioned at the caller",
                        "local ok, a = pcall(function() assert(false) end) "
                        + "local ok2, b = pcall(function() assert(nil, 1/3) end) return a .. '|' .. b",
                        "details.handle:1: assertion failed!|details.handle:1: 0.33333333333333"),
                same("assert keeps the bytes of its message",
                        "local ok, e = pcall(function() assert(false, 'x\\255') end) return e == 'details.handle:1: x\\255'",
                        true),
                same("error and assert make a number text when they position it",
                        "local ok, e = pcall(error, 5) local ok2, e2 = pcall(assert, false, 5) "
                        + "local ok3, e3 = pcall(error, 5, 0) return type(e) .. e .. type(e2) .. e2 .. type(e3)",
                        "string5string5number"),
                same("assert's message ends at a zero byte", "local ok, e = pcall(assert, false, 'a\\0b') return e", "a"),
                same("__len as a numeral string", "return select('#', table.unpack(setmetatable({}, {__len = function() "
                        + "return '3' end}))) .. select(2, pcall(table.unpack, setmetatable({}, {__len = function() "
                        + "return '0x' end})))", "3object length is not a number"),
                same("load's name and mode must be strings",
                        "return select(2, pcall(load, 'return 1', {})) .. '|' .. select(2, pcall(load, 'return 1', 'c', {}))",
                        "bad argument #2 to 'load' (string expected, got table)|"
                        + "bad argument #3 to 'load' (string expected, got table)"),
                same("load of nothing wants a function",
                        "return select(2, pcall(load)) .. '|' .. select(2, pcall(load, nil))",
                        "bad argument #1 to 'load' (function expected, got no value)|"
                        + "bad argument #1 to 'load' (function expected, got nil)"),
                same("select reads only the first byte of '#'", "return select('#foo', 1, 2)", 2),
                same("pairs returns the global next", "return pairs({}) == next", true),
                same("rawset refuses a nil key", "return select(2, pcall(rawset, {}, nil, 1))", "table index is nil"),
                same("rawset refuses a NaN key", "return select(2, pcall(rawset, {}, 0/0, 1))", "table index is NaN"),
                same("string.format asks for the value first",
                        "return select(2, pcall(string.format, '%')) .. '|' .. select(2, pcall(string.format, '%10'))",
                        "bad argument #2 to 'string.format' (no value)|bad argument #2 to 'string.format' (no value)"),
                same("string.format's conversion at the end is C's terminating zero",
                        "return select(2, pcall(string.format, '%10', 1)) == \"invalid option '%\\0' to 'format'\"", true),
                same("print goes through the global tostring",
                        "local n = 0 tostring = function(v) n = n + 1 return 'x' end print(1, 2, nil) return n", 3),
                same("print wants a string from __tostring, through tostring",
                        "return select(2, pcall(print, setmetatable({}, {__tostring = function() return {} end})))",
                        "'tostring' must return a string to 'print'"),
                same("print calls tostring even when it is nil", "tostring = nil return select(2, pcall(print, 1))",
                        "attempt to call a nil value"),
                // luaL_tolstring of 5.2.4 keeps whatever __tostring returned (5.3 added the check)
                same("tostring returns what __tostring returns",
                        "local t = {} return rawequal(tostring(setmetatable({}, {__tostring = function() return t end})), t)",
                        true),
                same("%s wants a string from __tostring",
                        "return select(2, pcall(string.format, '%s', setmetatable({}, {__tostring = function() return {} end})))",
                        "'__tostring' must return a string"),
                same("print wants tostring to give a string",
                        "tostring = function() return {} end return select(2, pcall(print, 1))",
                        "'tostring' must return a string to 'print'"),
                // the deprecated functions 5.2's standard build keeps (LUA_COMPAT_ALL)
                same("unpack is table.unpack", "return tostring(unpack == table.unpack) .. select('#', unpack({1, 2, 3}))",
                        "true3"),
                same("table.maxn", "return table.maxn({1, 2, [10] = 3, [2.5] = 4, x = 5}) .. table.maxn({}) "
                        + ".. table.maxn({[-1] = 1}) .. table.maxn({[1.5] = 0})", "10001.5"),
                // luaH_newkey's words; LuaJ's table said "table index expected, got table"
                same("storing under a nil key", "local t, k = {} return select(2, pcall(function() t[k] = 1 end))",
                        "details.handle:1: table index is nil"),
                same("storing under a NaN key", "local t, k = {}, 0/0 return select(2, pcall(function() t[k] = 1 end))",
                        "details.handle:1: table index is NaN"),
                same("storing under a nil constant and in a constructor",
                        "local t = {} return select(2, pcall(function() t[nil] = 1 end)) .. '|' "
                        + ".. select(2, pcall(function() local u = {[nil] = 1} end))",
                        "details.handle:1: table index is nil|details.handle:1: table index is nil"),
                same("a global table with a NaN key", "local k = 0/0 return select(2, pcall(function() x = {} x[k] = 1 end))",
                        "details.handle:1: table index is NaN"),
                same("__newindex still receives a nil key",
                        "local t = setmetatable({}, {__newindex = function(t, k) rawset(t, 'got', tostring(k)) end}) "
                        + "t[nil] = 1 return t.got", "nil"),
                same("yield outside a coroutine", "return select(2, pcall(function() coroutine.yield(1) end))",
                        "attempt to yield from outside a coroutine"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("details")
    void libraryDetailsAreLua524s(String name, String snippet, Object expected) {
        assertThat(ask(actor("details", snippet), 1)).isEqualTo(LuaMessage.from(expected));
    }

    private static Arguments same(String name, String snippet, Object expected) {
        return Arguments.of(name, snippet, expected);
    }
}
