package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argument errors of the standard library in Lua 5.2's words ({@code bad argument #N to 'name' (T expected, got X)}),
 * numbered as the call was written: a method call does not count its receiver. Each snippet's error is what C Lua
 * 5.2 gives for it. {@link InterpretedLibraryArgumentErrorTest} runs them again with handlers interpreted.
 */
class LibraryArgumentErrorTest extends ActorTestSupport {

    static Stream<Arguments> errors() {
        return Stream.of(
                error("('x'):rep()", "bad argument #1 to 'rep' (number expected, got no value)"),
                error("string.char(65, 256)", "bad argument #2 to 'char' (value out of range)"),
                error("tonumber({}, 10)", "bad argument #1 to 'tonumber' (string expected, got table)"),
                error("os.date('%Ez')", "bad argument #1 to 'date' (invalid conversion specifier '%Ez')"),
                error("os.date('%Y-%q')", "bad argument #1 to 'date' (invalid conversion specifier '%q')"),
                error("os.date('%')", "bad argument #1 to 'date' (invalid conversion specifier '%')"),
                error("os.date('%Eq')", "bad argument #1 to 'date' (invalid conversion specifier '%Eq')"),
                error("string.rep()", "bad argument #1 to 'rep' (string expected, got no value)"),
                error("table.insert({1}, 3, 'x')", "bad argument #2 to 'insert' (position out of bounds)"),
                error("setmetatable({1}, {__index = table}):insert(0, 'x')",
                        "bad argument #1 to 'insert' (position out of bounds)"),
                error("table.remove({1}, 3)", "bad argument #1 to 'remove' (position out of bounds)"),
                error("setmetatable({1}, {__index = table}):remove(5)",
                        "calling 'remove' on bad self (position out of bounds)"),
                error("string.rep(nil, 2)", "bad argument #1 to 'rep' (string expected, got nil)"),
                error("string.sub('abc', 'x')", "bad argument #2 to 'sub' (number expected, got string)"),
                error("('abc'):sub('x')", "bad argument #1 to 'sub' (number expected, got string)"),
                error("tostring()", "bad argument #1 to 'tostring' (value expected)"),
                error("setmetatable(1, {})", "bad argument #1 to 'setmetatable' (table expected, got number)"),
                error("setmetatable({}, 1)", "bad argument #2 to 'setmetatable' (nil or table expected)"),
                error("ipairs(nil)", "bad argument #1 to 'ipairs' (table expected, got nil)"),
                error("pairs()", "bad argument #1 to 'pairs' (table expected, got no value)"),
                error("math.floor('a')", "bad argument #1 to 'floor' (number expected, got string)"),
                error("math.max(1, nil)", "bad argument #2 to 'max' (number expected, got nil)"),
                error("string.byte('a', {})", "bad argument #2 to 'byte' (number expected, got table)"),
                error("coroutine.resume(1)", "bad argument #1 to 'resume' (coroutine expected)"),
                error("coroutine.wrap()", "bad argument #1 to 'wrap' (function expected, got no value)"),
                error("os.time({})", "field 'day' missing in date table"),
                error("os.time({day = 1, month = 1})", "field 'year' missing in date table"),
                error("os.date({})", "bad argument #1 to 'date' (string expected, got table)"),
                error("table.concat({}, {})", "bad argument #2 to 'concat' (string expected, got table)"),
                error("table.sort({}, 1)", "bad argument #2 to 'sort' (function expected, got number)"),
                error("bit32.band(1, 'x')", "bad argument #2 to 'band' (number expected, got string)"),
                error("string.gsub('a', 'b')", "bad argument #3 to 'gsub' (string/function/table expected)"),
                error("string.format()", "bad argument #1 to 'format' (string expected, got no value)"),
                error("rawlen(1)", "bad argument #1 to 'rawlen' (table or string expected)"),
                error("pcall()", "bad argument #1 to 'pcall' (value expected)"),
                error("table.insert({})", "wrong number of arguments to 'insert'"),
                error("table.insert({}, 1, 2, 3)", "wrong number of arguments to 'insert'"),
                error("table.insert({}, 'x', 1)", "bad argument #2 to 'insert' (number expected, got string)"),
                error("bit32.extract(1, -1)", "bad argument #2 to 'extract' (field cannot be negative)"),
                error("({rep = string.rep}):rep(2)", "calling 'rep' on bad self (string expected, got table)"),
                error("(function() local s = 'a' return s:rep({}) end)()",
                        "bad argument #1 to 'rep' (number expected, got table)"),
                // Lua 5.2 names the function as the call wrote it: a local, a global, a field, an upvalue, a method.
                error("(function() local r = string.rep return r() end)()",
                        "bad argument #1 to 'r' (string expected, got no value)"),
                error("(function() myrep = string.rep return myrep('x', {}) end)()",
                        "bad argument #2 to 'myrep' (number expected, got table)"),
                error("({f = string.rep}).f()", "bad argument #1 to 'f' (string expected, got no value)"),
                error("(function() local r = string.rep return (function() return r() end)() end)()",
                        "bad argument #1 to 'r' (string expected, got no value)"),
                error("({myrep = string.rep}):myrep(2)", "calling 'myrep' on bad self (string expected, got table)"),
                error("(function() local ts = tostring return ts() end)()",
                        "bad argument #1 to 'ts' (value expected)"),
                error("(function() local f = string.format return f('%d', 'x') end)()",
                        "bad argument #2 to 'f' (number expected, got string)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void argumentErrorsReadAsInLua52(String call, String expected) {
        String snippet = "local ok, e = pcall(function()\n  return " + call + "\nend) return e";
        assertThat(ask(actor("args", snippet), 1)).isEqualTo(LuaMessage.from("args.handle:2: " + expected));
    }

    @Test
    void argumentsThatConvertPass() {
        assertThat(ask(actor("args", """
                return math.floor('2.5') .. string.rep(1, 2) .. ('x'):rep('2') .. string.rep('x', -1, 1)
                    .. type(os.time({day = 1, month = 1, year = 2000})) .. tostring(next({}, nil))"""), 1))
                .isEqualTo(LuaMessage.from("211xxnumbernil"));
    }

    @Test
    void aFunctionCalledByPcallItselfHasNoLuaCallerAndGoesByItsGlobalName() {
        assertThat(ask(actor("args", """
                return select(2, pcall(string.rep)) .. '|' .. select(2, pcall(tostring)) .. '|'
                    .. select(2, pcall(math.floor, {}))"""), 1))
                .isEqualTo(LuaMessage.from("bad argument #1 to 'string.rep' (string expected, got no value)|"
                        + "bad argument #1 to 'tostring' (value expected)|"
                        + "bad argument #1 to 'math.floor' (number expected, got table)"));
    }

    @Test
    void aMethodCallInsideNestedFunctionsAndCoroutinesCountsNoReceiver() {
        assertThat(ask(actor("args", """
                local function outer()
                  local function inner(s)
                    local n = s:rep(2):len()
                    return s:sub({})
                  end
                  return inner('ab')
                end
                local ok, e = pcall(outer)
                local co = coroutine.create(function() local s = 'x' return s:byte({}) end)
                return e .. '|' .. select(2, coroutine.resume(co))"""), 1))
                .isEqualTo(LuaMessage.from("args.handle:4: bad argument #1 to 'sub' (number expected, got table)|"
                        + "args.handle:9: bad argument #1 to 'byte' (number expected, got table)"));
    }

    /**
     * A compiled handler knows only the failing line: with a plain call and a method call of {@code rep} on it, the
     * plain numbering is chosen. An interpreted one reads the call instruction and numbers as written.
     */
    @Test
    void aLineWithBothCallSyntaxesOfOneName() {
        String e = ((LuaMessage.Str) ask(actor("args",
                "return select(2, pcall(function() return string.rep('x', 2) .. ('x'):rep() end))"), 1)).value();
        assertThat(e).isEqualTo("args.handle:1: bad argument #" + (interpreted() ? 1 : 2)
                + " to 'rep' (number expected, got no value)");
    }

    /**
     * A compiled handler knows only the failing line: with two calls there by other names, it cannot tell which one
     * called the function and keeps the function's own name. An interpreted one reads the call instruction.
     */
    @Test
    void aLineWithCallsByOtherNames() {
        String e = ((LuaMessage.Str) ask(actor("args",
                "local r = string.rep return select(2, pcall(function() return tostring(r()) end))"), 1)).value();
        assertThat(e).isEqualTo("args.handle:1: bad argument #1 to '" + (interpreted() ? "r" : "rep")
                + "' (string expected, got no value)");
    }

    @Test
    void anArgumentErrorTheFunctionRaisesItselfIsNumberedAsTheCallWasWritten() {
        assertThat(ask(actor("args", """
                local a = select(2, pcall(function() return ('%d'):format('x') end))
                local b = select(2, pcall(function() return string.format('%d', 'x') end))
                local c = select(2, pcall(string.format, '%d', 'x'))
                local d = select(2, pcall(bit32.extract, 1, -1))
                return a .. '|' .. b .. '|' .. c .. '|' .. d"""), 1))
                .isEqualTo(LuaMessage.from("args.handle:1: bad argument #1 to 'format' (number expected, got string)|"
                        + "args.handle:2: bad argument #2 to 'format' (number expected, got string)|"
                        + "bad argument #2 to 'string.format' (number expected, got string)|"
                        + "bad argument #2 to 'bit32.extract' (field cannot be negative)"));
    }

    @Test
    void otherErrorsRaisedInsideALibraryFunctionStayAsTheyAre() {
        assertThat(ask(actor("args", """
                local a = select(2, pcall(function() return ('x'):gsub('x', function() error('inner') end) end))
                local b = select(2, pcall(function() return ('%y'):format(1) end))
                return a .. '|' .. b"""), 1))
                .isEqualTo(LuaMessage.from("args.handle:1: inner|args.handle:2: invalid option '%y' to 'format'"));
    }

    @Test
    void aSharedStringNameAssignedNilIsNilForThisActor() {
        LuaActorRef hider = actor("hider", """
                string.upper = nil
                local ok, e = pcall(function() return ('a'):upper() end)
                return tostring(string.upper) .. '|' .. e""");
        assertThat(ask(hider, 1)).isEqualTo(LuaMessage.from(
                "nil|hider.handle:2: attempt to call method 'upper' (a nil value)"));
        assertThat(ask(actor("other", "return ('a'):upper() .. string.upper('b')"), 1))
                .isEqualTo(LuaMessage.from("AB"));
    }

    protected boolean interpreted() {
        return false;
    }

    private static Arguments error(String call, String expected) {
        return Arguments.of(call, expected);
    }
}
