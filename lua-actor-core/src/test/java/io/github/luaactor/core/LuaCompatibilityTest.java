package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Snippets run in an actor against the value the Lua 5.2 reference manual (and the C Lua 5.2 it describes) gives.
 * {@link InterpretedLuaCompatibilityTest} runs them again with handlers interpreted.
 */
class LuaCompatibilityTest extends ActorTestSupport {

    static Stream<Arguments> errorValues() {
        return Stream.of(
                same("error(string) at level 1 gets the position, no traceback",
                        "local ok, e = pcall(function() error('boom') end) return e", "compat.handle:1: boom"),
                same("error() gives nil", "local ok, e = pcall(function() error() end) return type(e)", "nil"),
                same("error(nil) gives nil", "return select('#', pcall(error)) .. tostring(select(2, pcall(error)))",
                        "2nil"),
                same("a table error stays the same table",
                        "local t = {} local ok, e = pcall(function() error(t) end) return rawequal(e, t)", true),
                same("level 0 adds no position", "local ok, e = pcall(function() error('plain', 0) end) return e",
                        "plain"),
                same("level 2 names the caller's line", """
                        local function check(x)
                          if not x then error('x expected', 2) end
                        end
                        local ok, e = pcall(function()
                          check(false)
                        end)
                        return e""", "compat.handle:5: x expected"),
                same("a number raised at level 1 becomes a positioned string",
                        "local ok, e = pcall(function() error(42) end) return e", "compat.handle:1: 42"),
                // Straight-line snippets (no loop, function or ..) run compiled in LuaCompatibilityTest.
                same("a table through pcall(error, t)", "local t = {} local ok, e = pcall(error, t) return rawequal(e, t)",
                        true),
                same("level 2 of error called by pcall is the handler", "return select(2, pcall(error, 'up', 2))",
                        "compat.handle:1: up"),
                same("a library function called by pcall itself raises without a position",
                        "return select(2, pcall(string.rep))",
                        "bad argument #1 to 'string.rep' (string expected, got no value)"),
                same("error called by pcall itself has no Lua caller",
                        "local ok, e = pcall(error, 'direct') return e", "direct"),
                same("a runtime error gets 'chunk:line: '",
                        "local ok, e = pcall(function() local t = nil return t.x end) return (e:gsub('%(.*', ''))",
                        "compat.handle:1: attempt to index local 't' "),
                same("no traceback in a runtime error's value",
                        "local ok, e = pcall(function() return 1 + {} end) return tostring(e:find('traceback'))",
                        "nil"),
                same("assert's message gets the position (5.2)",
                        "local ok, e = pcall(function() assert(false, 'bad') end) return e", "compat.handle:1: bad"),
                same("xpcall hands the raw value to the handler", """
                        local t = {}
                        local ok, e = xpcall(function() error(t) end, function(m) return m == t end)
                        return tostring(ok) .. tostring(e)""", "falsetrue"),
                same("xpcall with a string", """
                        return select(2, xpcall(function() error('x') end, function(m) return 'h:' .. m end))""",
                        "h:compat.handle:1: x"),
                same("pcall passes the results through", "return select('#', pcall(function() return 1, nil, 3 end))",
                        4),
                same("coroutine.resume gives the raised value", """
                        local t = {}
                        local ok1, e1 = coroutine.resume(coroutine.create(function() error('in co') end))
                        local ok2, e2 = coroutine.resume(coroutine.create(function() error(t) end))
                        return e1 .. '|' .. tostring(e2 == t)""", "compat.handle:2: in co|true"),
                same("resuming a dead coroutine again", """
                        local co = coroutine.create(function() error('once') end)
                        coroutine.resume(co)
                        return select(2, coroutine.resume(co))""", "cannot resume dead coroutine"),
                same("coroutine.wrap raises the raised value", """
                        local t = {}
                        local ok, e = pcall(coroutine.wrap(function() error(t) end))
                        return rawequal(e, t)""", true),
                same("coroutine.wrap adds its caller's position to a string, as 5.2", """
                        local ok, e = pcall(function()
                          coroutine.wrap(function() error('w') end)()
                        end)
                        return e""", "compat.handle:2: compat.handle:2: w"),
                same("error in a nested pcall inside a pcall", """
                        local ok, e = pcall(function()
                          local ok2, e2 = pcall(error, {code = 7})
                          error(e2.code, 0)
                        end)
                        return e""", 7));
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                same("%f and %g with precision and width", "return ('%.3f|%5.1f|%g'):format(2/3, 3.14159, 1e20)",
                        "0.667|  3.1|1e+20"),
                same("%d beyond 2^31", "return ('%d|%d|%d'):format(2^31, 2^53, -2^63)",
                        "2147483648|9007199254740992|-9223372036854775808"),
                same("%d truncates toward zero", "return ('%d|%d'):format(3.7, -3.7)", "3|-3"),
                same("%d out of range", "return select(2, pcall(string.format, '%d', 2^63))",
                        "bad argument #2 to 'string.format' (not a number in proper range)"),
                same("%x of a negative number", "return select(2, pcall(string.format, '%x', -1))",
                        "bad argument #2 to 'string.format' (not a non-negative number in proper range)"),
                same("%u up to 2^64", "return ('%u'):format(2^64 - 2048)", "18446744073709549568"),
                same("%s with width and precision", "return ('[%5.2s|%-5s|%5s]'):format('abc', 'ab', 'ab')",
                        "[   ab|ab   |   ab]"),
                same("%s of nil and booleans", "return ('%s %s %s'):format(nil, true, false)", "nil true false"),
                same("%s uses __tostring",
                        "return ('%s'):format(setmetatable({}, {__tostring = function() return 'T!' end}))", "T!"),
                same("%s of numbers as tostring", "return ('%s|%s|%s|%s'):format(1e100, 2^63, 0.1, 42)",
                        "1e+100|9.2233720368548e+18|0.1|42"),
                same("integer flags", "return ('%5d|%-5d|%05d|%+d|% d|%.3d|%.0d|'):format(42, 42, 42, 42, 42, 7, 0)",
                        "   42|42   |00042|+42| 42|007||"),
                same("hexadecimal and octal", "return ('%x|%X|%#x|%#X|%o|%#o|%#x'):format(255, 255, 255, 255, 8, 8, 0)",
                        "ff|FF|0xff|0XFF|10|010|0"),
                same("%e and %E", "return ('%e|%E|%.0e|%#.0e|%e|%.2e'):format(12345.678, 0.000123, 5, 5, 0, -1e-300)",
                        "1.234568e+04|1.230000E-04|5e+00|5.e+00|0.000000e+00|-1.00e-300"),
                same("%g picks %e or %f and drops zeros",
                        "return ('%g|%g|%g|%g|%g|%#g|%g|%G'):format(100000, 1000000, 0.0001, 0.00001, 1/3, 1, 1e-300, 1e-10)",
                        "100000|1e+06|0.0001|1e-05|0.333333|1.00000|1e-300|1E-10"),
                same("%f flags", "return ('%10.4f|%-10.2f|%+.2f|%010.3f|%.0f|%#.0f'):format(math.pi, math.pi, "
                        + "math.pi, -math.pi, 2.5, 3)", "    3.1416|3.14      |+3.14|-00003.142|2|3."),
                same("%f rounds the exact binary value", "return ('%.20f|%.2f|%.1f'):format(0.1, 2.675, 0.25)",
                        "0.10000000000000000555|2.67|0.2"),
                same("inf and nan", "return ('%f|%f|%5.1f|%E|%d'):format(1/0, -1/0, 1/0, -1/0, 1)",
                        "inf|-inf|  inf|-INF|1"),
                same("%a", "return ('%a|%A|%a|%a|%a'):format(1, 3, 0.1, 0, -0.5)",
                        "0x1p+0|0X1.8P+1|0x1.999999999999ap-4|0x0p+0|-0x1p-1"),
                same("%q escapes as 5.2", "return ('%q'):format('a\"b\\\\c\\nd\\0e\\1' .. '2\\127')",
                        "\"a\\\"b\\\\c\\\nd\\0e\\0012\\127\""),
                same("%q of a number", "return ('%q'):format(1/4)", "\"0.25\""),
                same("%c", "return ('%c%c%c'):format(76, 117, 97)", "Lua"),
                same("%% and numerals as strings", "return ('%d%%|%5.1f'):format('10', ' 0x10 ')", "10%| 16.0"),
                same("a non-numeral for %d", "return select(2, pcall(string.format, '%d', 'x'))",
                        "bad argument #2 to 'string.format' (number expected, got string)"),
                same("a missing argument", "return select(2, pcall(string.format, '%d %d', 1))",
                        "bad argument #3 to 'string.format' (no value)"),
                same("an unknown conversion", "return select(2, pcall(string.format, '%y', 1))",
                        "invalid option '%y' to 'format'"),
                same("a width of three digits", "return select(2, pcall(string.format, '%100d', 1))",
                        "invalid format (width or precision too long)"),
                same("repeated flags", "return select(2, pcall(string.format, '%------d', 1))",
                        "invalid format (repeated flags)"),
                // 5.2.4 adds a string of 100 bytes or more whole when %s has no precision; anything else goes
                // through C's sprintf, which ends the string at its first zero byte.
                same("%s of a short string stops at a zero byte, as sprintf does",
                        "return ('[%s|%5s|%.2s|%-3s]'):format('a\0b', 'a\0b', '\0ab', 'ab\0c')", "[a|    a||ab ]"),
                same("%s of a string of 100 bytes or more keeps its zero bytes",
                        "return #('%s'):format(('x'):rep(149) .. '\0') .. ' ' .. #('%s'):format(('\0'):rep(100))",
                        "150 100"),
                same("%s with a precision stops at a zero byte even in a long string",
                        "return #('%.99s'):format(('x'):rep(50) .. '\0' .. ('y'):rep(100)) .. ' ' "
                        + ".. #('%s'):format(('x'):rep(98) .. '\0')", "50 98"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void stringFormatFollowsCPrintf(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                same("tostring with %.14g", "return table.concat({tostring(2^63), tostring(1e100), tostring(0.1), "
                        + "tostring(3), tostring(1e15), tostring(123456789012345), tostring(2^53), tostring(-1.5)}, ' ')",
                        "9.2233720368548e+18 1e+100 0.1 3 1e+15 1.2345678901234e+14 9.007199254741e+15 -1.5"),
                same("inf and nan", "return tostring(1/0) .. ' ' .. tostring(-1/0) .. ' ' .. tostring(0/0)",
                        "inf -inf nan"),
                same("tonumber of malformed numerals is nil",
                        "return tostring(tonumber('0x')) .. tostring(tonumber('1e')) .. tostring(tonumber('')) "
                        + ".. tostring(tonumber('inf')) .. tostring(tonumber('nan')) .. tostring(tonumber('1 2'))",
                        "nilnilnilnilnilnil"),
                same("tonumber with spaces, hexadecimal, fractions",
                        "return table.concat({tonumber(' 10 '), tonumber('0x.1'), tonumber(' -0xa '), "
                        + "tonumber('0x1p4'), tonumber('.5'), tonumber('5.'), tonumber('1e2'), tonumber('\\t0XFF\\n')}, ' ')",
                        "10 0.0625 -10 16 0.5 5 100 255"),
                same("tonumber with a base", "return table.concat({tonumber('ff', 16), tonumber('zz', 36), "
                        + "tonumber(' -101 ', 2), tonumber(10, 16)}, ' ') .. tostring(tonumber('8', 8)) "
                        + ".. tostring(tonumber('1.5', 10))", "255 1295 -5 16nilnil"),
                same("tonumber with a base out of range", "return select(2, pcall(tonumber, '1', 99))",
                        "bad argument #2 to 'tonumber' (base out of range)"),
                same("tonumber of other types", "return tostring(tonumber({})) .. tostring(tonumber(nil))", "nilnil"),
                // lua5.2 prints an address with %p: "table: 0x55a4c3e2b6f0", the same for the object's life.
                same("tostring of tables, functions and coroutines is 'type: 0x' and hexadecimal digits", """
                        local t, u, f = {}, {}, function() end
                        local co = coroutine.create(f)
                        local texts = {tostring(t), tostring(u), tostring(f), tostring(print), tostring(co),
                            tostring(string)}
                        local kinds = {'table', 'table', 'function', 'function', 'thread', 'table'}
                        for i = 1, #texts do
                          if not texts[i]:match('^' .. kinds[i] .. ': 0x%x%x%x%x%x%x%x%x+$') then return texts[i] end
                        end
                        return tostring(texts[1] == tostring(t)) .. tostring(texts[1] ~= texts[2])
                            .. tostring(('%s'):format(t) == texts[1]) .. tostring(texts[3] ~= texts[4])""",
                        "truetruetruetrue"),
                // 5.2.4's luaL_tolstring keeps what __tostring returned (the string check came with 5.3)
                same("tostring gives what __tostring gives", "return type(select(2, pcall(tostring, "
                        + "setmetatable({}, {__tostring = function() return {} end}))))", "table"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbers")
    void numbersConvertAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorValues")
    void errorValuesAreExactlyWhatWasRaised(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> operators() {
        return Stream.of(
                same("a string operand converts as tonumber reads it (spaces, sign, hexadecimal)",
                        "return ' -0xa ' + 1", -9),
                same("a hexadecimal fraction", "return '0x.1' + 0", 0.0625),
                same("a string on the right of a number", "return 1 + ' -0xa '", -9),
                same("every arithmetic operator converts strings", "return table.concat({10 - '0x10', '2' * '3', "
                        + "'7' % 4, '2' ^ 3, -' 0x10 ', '1e1' / 2, '\\t5\\n' + 0}, ' ')", "-6 6 3 8 -16 5 5"),
                same("a string that is no numeral raises", """
                        local ok, e = pcall(function() return 'abc' + 1 end)
                        return e""", "compat.handle:1: attempt to perform arithmetic on a string value"),
                same("'inf' is no numeral", "return tostring(pcall(function() return 'inf' + 0 end))", "false"),
                same("a number compared with a table uses the table's __lt", """
                        local t = setmetatable({}, {__lt = function(a, b) return type(a) == 'number' end})
                        return tostring(1 < t) .. tostring(t < 1) .. tostring(t > 1)""", "truefalsetrue"),
                same("<= falls back to not __lt with the operands swapped", """
                        local t = setmetatable({}, {__lt = function(a, b) return type(a) == 'number' end})
                        return tostring(1 <= t) .. tostring(t <= 1)""", "truefalse"),
                same("<= uses __le first", """
                        local t = setmetatable({}, {__le = function(a, b) return 'yes' end})
                        return tostring(2 <= t) .. tostring(t >= 2)""", "truetrue"),
                same("__add receives the operands as they were written", """
                        local t = setmetatable({}, {__add = function(a, b) return type(a) .. '+' .. type(b) end})
                        return ('10' + t) .. ' ' .. (1 + t) .. ' ' .. (t + 1)""",
                        "string+table number+table table+number"),
                same("__unm receives the operand", """
                        local t = setmetatable({}, {__unm = function(a) return 'neg' end})
                        return -t""", "neg"),
                same("a numeric for converts string bounds", """
                        local s = 0
                        for i = '1', ' 0x3 ' do s = s + i end
                        return s""", 6),
                same("comparing a number with a table without __lt raises", """
                        local ok, e = pcall(function() return 1 < {} end)
                        return e""", "compat.handle:1: attempt to compare number with table"),
                same("comparing two tables without __lt raises", """
                        local ok, e = pcall(function() return {} < {} end)
                        return e""", "compat.handle:1: attempt to compare two table values"),
                same("a number and a string are not ordered", """
                        local ok, e = pcall(function() return 1 < '2' end)
                        return e""", "compat.handle:1: attempt to compare number with string"),
                same("arithmetic keeps the sign of zero as doubles do", """
                        local zero, one = 0, 1
                        return table.concat({tostring(zero * -1), tostring(-zero), tostring(zero / -one),
                            tostring(one / (zero * -1)), tostring(one / zero), tostring(-zero + -zero),
                            tostring(zero - zero), tostring('-0' * 1), tostring((zero * -1) == 0)}, ' ')""",
                        "-0 -0 -0 -inf inf -0 0 -0 true"),
                same("a negative zero is the key zero", """
                        local t = {[0] = 'zero'}
                        local z = 0 * -1
                        t[z] = t[z] .. '!'
                        return t[0] .. tostring(rawequal(z, 0))""", "zero!true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void operatorsConvertAndDispatchAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> libraries() {
        return Stream.of(
                same("os.date has every C99 conversion, in the C locale", "return os.date('!%F %T|%D|%e|%C|%y|%j|%U|%W|%u|%w|%V|%G|%g"
                        + "|%a %A %b %B %h|%p %I %r %R|%n%t|%z %Z|%Ec|%Ex %EX %Ey %EY %Od %Oe %OH|%c|%x|%X|%%', 86400 * 40 + 3661)",
                        "1970-02-10 01:01:01|02/10/70|10|19|70|041|06|06|2|2|07|1970|70|Tue Tuesday Feb February Feb"
                        + "|AM 01 01:01:01 AM 01:01|\n\t|+0000 GMT|Tue Feb 10 01:01:01 1970|02/10/70 01:01:01 70 1970 10 10 01"
                        + "|Tue Feb 10 01:01:01 1970|02/10/70|01:01:01|%"),
                same("os.date pads a day below ten with a space in %c and %e", "return os.date('!%c|%e', 0)",
                        "Thu Jan  1 00:00:00 1970| 1"),
                same("upper and lower change ASCII letters only",
                        "return ('\u00e9\ud83d\ude00abc'):upper() .. #('\u00e9\ud83d\ude00'):upper() .. ('\u00c0BC'):lower()",
                        "\u00e9\ud83d\ude00ABC6\u00c0bc"),
                same("upper keeps binary bytes", "return ('a\\0\\255z'):upper() == 'A\\0\\255Z'", true),
                same("table.unpack with a nil end", "return select('#', table.unpack({1, 2}, 1, nil))", 2),
                same("table.unpack with a nil start", "return table.concat({table.unpack({1, 2, 3}, nil, 2)}, ',')",
                        "1,2"),
                same("table.unpack of an empty range", "return select('#', table.unpack({1, 2}, 3))", 0),
                same("table.unpack keeps nils inside the range", "return select('#', table.unpack({1, nil, 3}, 1, 3))",
                        3),
                same("table.unpack counts __len",
                        "return select('#', table.unpack(setmetatable({}, {__len = function() return 3 end})))", 3),
                same("table.unpack asks __len once",
                        "local n = 0 local t = setmetatable({7}, {__len = function() n = n + 1 return 1 end}) "
                        + "return table.unpack(t) .. n", "71"),
                // table.remove and table.insert as lua 5.2.4's ltablib: #list (so __len counts), positions in
                // 1 .. #list + 1, a removed nil still a result.
                same("table.remove shifts down to #list",
                        "local t = {1, 2, 3, 4} local r = table.remove(t, 2) return r .. '|' .. table.concat(t, ',') .. #t",
                        "2|1,3,43"),
                same("table.remove of an empty list returns one nil", "return select('#', table.remove({}))", 1),
                same("table.remove at #list + 1 returns one nil and keeps the list",
                        "local t = {1, 2} return select('#', table.remove(t, 3)) .. '|' .. tostring(t[2])", "1|2"),
                same("table.remove beyond #list + 1", "return select(2, pcall(function() table.remove({1, 2}, 4) end))",
                        "compat.handle:1: bad argument #1 to 'remove' (position out of bounds)"),
                same("table.remove at 0 of a non-empty list",
                        "return select(2, pcall(function() table.remove({1}, 0) end))",
                        "compat.handle:1: bad argument #1 to 'remove' (position out of bounds)"),
                same("table.remove at 0 of an empty list takes t[0]",
                        "local t = {[0] = 'z'} return table.remove(t, 0) .. tostring(t[0])", "znil"),
                same("table.remove counts __len",
                        "local t = setmetatable({1, 2, 3}, {__len = function() return 2 end}) local r = table.remove(t) "
                        + "return r .. tostring(rawget(t, 2)) .. rawget(t, 3)", "2nil3"),
                same("table.sort sorts a list built from its end",
                        "local t = {} t[5] = 1 t[4] = 2 t[3] = 9 t[2] = 7 t[1] = 3 table.sort(t) "
                        + "return table.concat(t, ',')", "1,2,3,7,9"),
                same("table.sort with an order function and a long list", """
                        local t = {}
                        for i = 1, 200 do t[i] = (i * 37) % 211 end
                        table.sort(t, function(a, b) return a > b end)
                        for i = 2, 200 do assert(t[i - 1] >= t[i]) end
                        return #t .. ',' .. t[1] .. ',' .. t[200]""", "200,210,1"),
                same("table.sort through __lt",
                        "local mt = {__lt = function(a, b) return a.v < b.v end} "
                        + "local t = {setmetatable({v = 2}, mt), setmetatable({v = 3}, mt), setmetatable({v = 1}, mt)} "
                        + "table.sort(t) return t[1].v .. t[2].v .. t[3].v", "123"),
                same("table.sort counts __len",
                        "local t = setmetatable({3, 2, 1}, {__len = function() return 2 end}) table.sort(t) "
                        + "return rawget(t, 1) .. rawget(t, 2) .. rawget(t, 3)", "231"),
                same("table.sort of mixed types names them",
                        "return select(2, pcall(table.sort, {3, 'a', 2}))", "attempt to compare string with number"),
                // raised in C, where lua 5.2 puts no position in front of a runtime error
                same("table.sort's comparison error has no position",
                        "local t = {1, 'x'}\nreturn select(2, pcall(function() table.sort(t) end))",
                        "attempt to compare string with number"),
                same("table.sort keeps the position of an error in the order function",
                        "local t = {1, 2}\nreturn select(2, pcall(function()\ntable.sort(t, function(a, b) return a.x end)"
                        + " end))", "compat.handle:3: attempt to index local 'a' (a number value)"),
                same("table.concat counts __len",
                        "return table.concat(setmetatable({3, 2, 1}, {__len = function() return 2 end}), ',')", "3,2"),
                same("table.insert in the middle and at the end",
                        "local t = {1, 2, 3} table.insert(t, 1, 0) table.insert(t, 'e') table.insert(t, 3, 'm') "
                        + "return table.concat(t, ',')", "0,1,m,2,3,e"),
                same("table.insert at #list + 1", "local t = {1} table.insert(t, 2, 'x') return table.concat(t, ',')",
                        "1,x"),
                same("table.insert beyond #list + 1",
                        "return select(2, pcall(function() table.insert({1}, 3, 'x') end))",
                        "compat.handle:1: bad argument #2 to 'insert' (position out of bounds)"),
                same("table.insert at 0", "return select(2, pcall(function() table.insert({1}, 0, 'x') end))",
                        "compat.handle:1: bad argument #2 to 'insert' (position out of bounds)"),
                same("table.insert counts __len",
                        "local t = setmetatable({1, 2, 3}, {__len = function() return 2 end}) table.insert(t, 'x') "
                        + "return rawget(t, 3) .. tostring(rawget(t, 4))", "xnil"),
                same("table.insert with a __len that is not a number",
                        "local t = setmetatable({}, {__len = function() return {} end}) "
                        + "return select(2, pcall(function() table.insert(t, 1) end))",
                        "compat.handle:1: object length is not a number"),
                same("a refused binary chunk is nil, message",
                        "local f, e = load('\\27Lua') return tostring(f) .. '|' .. e",
                        "nil|binary chunks are not allowed in the Lua actor sandbox"),
                same("a reader returning a non-string", "return select(2, load(function() return true end))",
                        "reader function must return a string"),
                same("a reader that raises", "return select(2, load(function() error('reader failed', 0) end))",
                        "reader failed"),
                same("env may be any value", "return load('return _ENV', nil, nil, 123)()", 123),
                same("a chunk from a string is named after it",
                        "return select(2, pcall(load(\"error('x')\")))", "[string \"error('x')\"]:1: x"),
                same("a long or multi-line chunk name is cut at its first line",
                        "return select(2, pcall(load('local a = 1\\nerror(\\'two\\')')))",
                        "[string \"local a = 1...\"]:2: two"),
                same("an explicit =name", "return select(2, pcall(load(\"error('x')\", '=mine')))", "mine:1: x"),
                same("a chunk from a reader is (load)", "local done "
                        + "return select(2, pcall(load(function() if done then return nil end done = true "
                        + "return \"error('r')\" end)))", "(load):1: r"),
                same("mode 'b' refuses text", "return select(2, load('return 1', 'c', 'b'))",
                        "attempt to load a text chunk (mode is 'b')"),
                same("a syntax error is nil, message", "local f, e = load('x = = 1') return tostring(f) .. '|' .. e",
                        "nil|[string \"x = = 1\"]:1: unexpected symbol near '='"),
                same("require of a standard library gives this VM's library",
                        "return tostring(require('string') == string and require('table') == table "
                        + "and require('math') == math and require('_G') == _G and require('coroutine') == coroutine)",
                        "true"),
                same("require of a removed library says so", "return select(2, pcall(require, 'debug'))",
                        "'debug' is not available in the Lua actor sandbox"));
    }

    static Stream<Arguments> globals() {
        return Stream.of(
                same("pairs(_G) lists the standard globals", """
                        local seen = {}
                        for k, v in pairs(_G) do seen[k] = v end
                        return tostring(seen.string == string and seen.pairs == pairs and seen._G == _G
                            and seen.print == print and seen.ctx == ctx)""", "true"),
                same("pairs(_G) lists a global once even when the actor replaced it", """
                        tostring = function(v) return 'mine' end
                        local n = 0
                        for k in pairs(_G) do if k == 'tostring' then n = n + 1 end end
                        return n .. tostring(1)""", "1mine"),
                same("getmetatable(_G) is nil", "return type(getmetatable(_G))", "nil"),
                same("the string metatable's __index is string, raw or not", """
                        local mt = getmetatable('')
                        local listed
                        for k, v in pairs(mt) do if k == '__index' then listed = v end end
                        return tostring(rawget(mt, '__index') == string) .. tostring(mt.__index == string)
                            .. tostring(listed == string) .. tostring(rawget({a = 1}, 'a'))""", "truetruetrue1"),
                same("a standard global assigned nil is nil", """
                        string, coroutine, table = nil, nil, nil
                        local listed = false
                        for k in pairs(_G) do if k == 'string' or k == 'table' or k == 'coroutine' then listed = true end end
                        return tostring(string) .. tostring(coroutine) .. tostring(table) .. tostring(rawget(_G, 'table'))
                            .. tostring(listed) .. tostring(pcall(function() return table.insert end))""",
                        "nilnilnilnilfalsefalse"),
                same("a standard global assigned nil may be set again", """
                        print = nil
                        local was = tostring(print)
                        print = function() return 'mine' end
                        return was .. print()""", "nilmine"),
                same("the strict-module idiom", """
                        setmetatable(_G, {
                          __newindex = function(_, k) error('assign to undeclared variable ' .. k, 2) end,
                          __index = function(_, k) error('variable ' .. k .. ' is not declared', 2) end})
                        local ok1, e1 = pcall(function() undeclared = 1 end)
                        local ok2, e2 = pcall(function() return missing end)
                        return e1 .. '|' .. e2 .. '|' .. string.format('%d', 1) .. type(coroutine.wrap)""",
                        "compat.handle:4: assign to undeclared variable undeclared|"
                        + "compat.handle:5: variable missing is not declared|1function"),
                same("rawget(_G, name) of a standard global", "return rawget(_G, 'string') == string", true),
                same("a removed library still raises with a metatable on _G", """
                        setmetatable(_G, {})
                        return select(2, pcall(function() return io.open end))""",
                        "compat.handle:2: 'io' is not available in the Lua actor sandbox"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globals")
    void globalsBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    @Test
    void anActorMayAddStringFunctionsThatOnlyItSees() {
        LuaActorRef extender = actor("extender", """
                function string.trim(s) return (s:gsub('^%s+', ''):gsub('%s+$', '')) end
                local listed = false
                for k in pairs(string) do if k == 'trim' then listed = true end end
                return ('  x  '):trim() .. string.trim(' y ') .. tostring(listed)""");
        LuaActorRef other = actor("other", """
                local ok = pcall(function() return ('x'):trim() end)
                return tostring(string.trim) .. tostring(('x').trim) .. tostring(ok)""");
        assertThat(ask(extender, 1)).isEqualTo(LuaMessage.from("xytrue"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("nilnilfalse"));
        assertThat(ask(extender, 2)).as("the addition lives as long as the actor's VM")
                .isEqualTo(LuaMessage.from("xytrue"));
    }

    @Test
    void anActorMayReplaceAStringFunctionForItself() {
        // More cases in ActorStringLibraryTest.
        assertThat(run("""
                local ok = pcall(function() string.upper = function() return 'mine' end end)
                return tostring(ok) .. ('x'):upper() .. string.upper('y')""")).isEqualTo(LuaMessage.from("trueminemine"));
    }

    @Test
    void aMetatableOnOneActorsGlobalsLeavesOthersAlone() {
        LuaActorRef strict = actor("strict", "setmetatable(_G, {__index = function() return 'planted' end}) "
                + "return nosuch");
        LuaActorRef other = actor("other", "return tostring(nosuch) .. tostring(getmetatable(_G))");
        assertThat(ask(strict, 1)).isEqualTo(LuaMessage.from("planted"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("nilnil"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void libraryFunctionsBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    @Test
    void randomStateBelongsToEachActor() {
        String draw = """
                if ctx.msg.seed then math.randomseed(ctx.msg.seed) end
                local r = {}
                for i = 1, ctx.msg.n do r[i] = math.random(1000000) end
                return table.concat(r, ',')""";
        LuaActorRef first = actor("first", draw);
        LuaActorRef second = actor("second", draw);
        String together = text(ask(first, Map.of("seed", 7, "n", 6)));
        String start = text(ask(first, Map.of("seed", 7, "n", 2)));
        ask(second, Map.of("seed", 99, "n", 3));
        String rest = text(ask(first, Map.of("n", 4)));
        assertThat(start + "," + rest).as("another actor's randomseed does not change this actor's sequence")
                .isEqualTo(together);
        assertThat(text(ask(second, Map.of("seed", 7, "n", 6)))).isEqualTo(together);
    }

    private static String text(LuaMessage message) {
        return ((LuaMessage.Str) message).value();
    }

    @Test
    void randomStaysInItsInterval() {
        assertThat(text(run("""
                for i = 1, 2000 do
                  local a, b, c = math.random(), math.random(3), math.random(-2, 2)
                  if a < 0 or a >= 1 or b < 1 or b > 3 or b % 1 ~= 0 or c < -2 or c > 2 or c % 1 ~= 0 then
                    return 'out of range: ' .. a .. ' ' .. b .. ' ' .. c
                  end
                end
                return select(2, pcall(math.random, 0)) .. '|' .. select(2, pcall(math.random, 2, 1))""")))
                .as("called by pcall, with no Lua caller, Lua 5.2 names the function by its global name")
                .isEqualTo("bad argument #1 to 'math.random' (interval is empty)|"
                        + "bad argument #2 to 'math.random' (interval is empty)");
    }

    @Test
    void theSenderStillGetsChunkLineAndTraceback() {
        LuaActorRef actor = actor("thrower", """
                local function check(x)
                  error('x expected', 2)
                end
                check(false)""");
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("thrower.handle");
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.luaMessage()).isEqualTo("x expected");
                    assertThat(e.luaTraceback()).startsWith("stack traceback:").contains("thrower.handle:2");
                });
    }

    @Test
    void anUncaughtErrorOfAStraightLineHandlerKeepsItsPositionAndTraceback() {
        LuaActorRef actor = actor("straight", "local x = ctx.msg\nerror('boom ' .. 'x')");
        LuaActorRef compiled = actor("compiled", "local x = ctx.msg\nerror('boom')");
        for (LuaActorRef a : java.util.List.of(actor, compiled)) {
            assertThat(failureOf(a.send(LuaMessage.from(1))))
                    .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.luaMessage()).startsWith("boom");
                        assertThat(e.getMessage()).contains(a.name() + ".handle:2: boom");
                        assertThat(e.luaTraceback()).startsWith("stack traceback:").contains(".handle:2");
                    });
        }
    }

    @Test
    void anUncaughtTableErrorNamesItsLine() {
        LuaActorRef actor = actor("tables", "local x = 1\nerror({code = 1})");
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.luaMessage()).isEqualTo("(error object is a table value)");
                });
    }

    private LuaMessage run(String snippet) {
        return ask(actor("compat", snippet), 1);
    }

    private static Arguments same(String name, String snippet, Object expected) {
        return Arguments.of(name, snippet, expected);
    }
}
