package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language itself, as the Lua 5.2 reference manual describes it (sections 2.4 metatables, 3.3.4 goto, 3.4.10
 * varargs, 3.5 visibility and closures), run in an actor: the expected values are the manual's.
 * {@link InterpretedLuaLanguageCompatibilityTest} runs them again with handlers interpreted.
 */
class LuaLanguageCompatibilityTest extends ActorTestSupport {

    static Stream<Arguments> metamethods() {
        return Stream.of(
                same("__index table", "return setmetatable({}, {__index = {a = 1}}).a", 1),
                same("__index function gets table and key",
                        "local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}) return t.x", "x!"),
                same("__index only for absent keys",
                        "local t = setmetatable({a = 1}, {__index = function() return 9 end}) return t.a + t.b", 10),
                same("__index chains through tables", """
                        local base = {greet = 'hi'}
                        local mid = setmetatable({}, {__index = base})
                        return setmetatable({}, {__index = mid}).greet""", "hi"),
                same("__newindex function", """
                        local t = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
                        t.x = 2
                        t.x = 5 -- present now: a plain assignment
                        return t.x""", 5),
                same("__newindex table receives the assignment",
                        "local store = {} local t = setmetatable({}, {__newindex = store}) t.x = 1 "
                        + "return tostring(rawget(t, 'x')) .. store.x", "nil1"),
                same("__call gets the object first",
                        "local t = setmetatable({k = 10}, {__call = function(self, a, b) return self.k + a + b end}) "
                        + "return t(2, 3)", 15),
                same("__eq for two tables with the same metamethod", """
                        local mt = {__eq = function(a, b) return a.v == b.v end}
                        local a, b = setmetatable({v = 1}, mt), setmetatable({v = 1}, mt)
                        return tostring(a == b) .. tostring(a ~= b) .. tostring(rawequal(a, b))""", "truefalsefalse"),
                same("__eq is not tried for a table and a number",
                        "local t = setmetatable({}, {__eq = function() return true end}) return t == 1", false),
                same("__lt and its mirror", """
                        local mt = {__lt = function(a, b) return a.v < b.v end}
                        local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
                        return tostring(a < b) .. tostring(a > b) .. tostring(b > a)""", "truefalsetrue"),
                same("__le", """
                        local mt = {__le = function(a, b) return a.v <= b.v end}
                        local a, b = setmetatable({v = 1}, mt), setmetatable({v = 1}, mt)
                        return tostring(a <= b) .. tostring(a >= b)""", "truetrue"),
                same("__le falls back to not __lt with the operands swapped (5.2)", """
                        local mt = {__lt = function(a, b) return a.v < b.v end}
                        local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
                        return tostring(a <= b) .. tostring(b <= a)""", "truefalse"),
                same("__concat on either side", """
                        local t = setmetatable({}, {__concat = function(a, b)
                          return (type(a) == 'table' and 'T' or a) .. (type(b) == 'table' and 'T' or b)
                        end})
                        return (t .. 'x') .. '|' .. ('y' .. t) .. '|' .. (1 .. t)""", "Tx|yT|1T"),
                same("__pairs decides what pairs iterates (5.2)", """
                        local store = {a = 1, b = 2}
                        local proxy = setmetatable({}, {__pairs = function(t) return next, store, nil end})
                        local sum = 0
                        for k, v in pairs(proxy) do sum = sum + v end
                        return sum .. tostring(next(proxy))""", "3nil"),
                same("__pairs gives the first three results only", """
                        local t = setmetatable({}, {__pairs = function(t)
                          return function(s, k) if k < s then return k + 1 end end, 3, 0, 'ignored'
                        end})
                        local r = {}
                        for k in pairs(t) do r[#r + 1] = k end
                        return table.concat(r, ',') .. '|' .. select('#', pairs(t))""", "1,2,3|3"),
                same("__ipairs decides what ipairs iterates (5.2)", """
                        local t = setmetatable({}, {__ipairs = function(t)
                          return function(_, i) if i < 2 then return i + 1, 'x' end end, t, 0
                        end})
                        local r = ''
                        for i, v in ipairs(t) do r = r .. i .. v end
                        return r""", "1x2x"),
                same("ipairs without __ipairs reads raw", """
                        local t = setmetatable({1, 2}, {__index = function(_, i) return 'x' end})
                        local n = 0
                        for _ in ipairs(t) do n = n + 1 end
                        return n""", 2),
                same("__len for a table (5.2)", "return #setmetatable({1, 2}, {__len = function() return 42 end})", 42),
                same("rawlen ignores __len", "return rawlen(setmetatable({1, 2}, {__len = function() return 9 end}))", 2),
                same("__unm", "return -setmetatable({}, {__unm = function() return 'neg' end})", "neg"),
                same("__add with the table on the right", """
                        local t = setmetatable({}, {__add = function(a, b) return type(a) .. '+' .. type(b) end})
                        return (1 + t) .. '|' .. (t + 1)""", "number+table|table+number"),
                same("arithmetic metamethods", """
                        local mt = {}
                        for _, e in ipairs({'sub', 'mul', 'div', 'mod', 'pow'}) do
                          mt['__' .. e] = function() return e end
                        end
                        local t = setmetatable({}, mt)
                        return (t - 1) .. (t * 1) .. (t / 1) .. (t % 1) .. (t ^ 1)""", "submuldivmodpow"),
                same("__metatable hides and protects the metatable", """
                        local t = setmetatable({}, {__metatable = 'locked'})
                        local ok, e = pcall(setmetatable, t, {})
                        return getmetatable(t) .. '|' .. tostring(ok) .. '|' .. e""",
                        "locked|false|cannot change a protected metatable"),
                same("__index on a missing method call",
                        "local obj = setmetatable({n = 3}, {__index = {get = function(self) return self.n end}}) "
                        + "return obj:get()", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metamethods")
    void metamethodsBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> gotos() {
        return Stream.of(
                same("goto continue in nested loops", """
                        local s = 0
                        for i = 1, 3 do
                          for j = 1, 3 do
                            if j == 2 then goto continue end
                            s = s + j
                          end
                          ::continue::
                        end
                        return s""", 3),
                same("a backward goto loops", """
                        local i = 1
                        ::top::
                        i = i + 1
                        if i < 5 then goto top end
                        return i""", 5),
                same("goto out of a block", """
                        do
                          goto out
                          return 'not here'
                        end
                        ::out::
                        return 'out'""", "out"),
                same("a goto into a block has no visible label",
                        "local f, e = load('goto x; do ::x:: end') return tostring(f) .. tostring(e:find(\"'x'\") ~= nil)",
                        "niltrue"),
                same("a duplicate label is an error",
                        "local f = load('::a:: ::a::') return tostring(f)", "nil"),
                same("a label at the end of a block may follow a local", """
                        local r = 0
                        do
                          goto done
                          local skipped = 1
                          ::done::
                        end
                        return r""", 0),
                same("each pass through a goto loop gets a fresh local for closures", """
                        local fs, i = {}, 1
                        ::again::
                        local j = i
                        fs[i] = function() return j end
                        i = i + 1
                        if i <= 3 then goto again end
                        return fs[1]() .. fs[2]() .. fs[3]()""", "123"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gotos")
    void gotoBehavesAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> varargs() {
        return Stream.of(
                same("select('#') counts nils", "return select('#', nil, nil)", 2),
                same("... keeps trailing nils", "return (function(...) return select('#', ...) end)(1, nil, 3, nil)", 4),
                same("select with a negative index", "return select(-1, 1, 2, 3)", 3),
                same("select(n) returns the rest", "return table.concat({select(2, 'a', 'b', 'c')}, ',')", "b,c"),
                same("select('#') of nothing", "return select('#')", 0),
                same("select(0) is out of range", "return select(2, pcall(select, 0, 1))",
                        "bad argument #1 to 'select' (index out of range)"),
                same("select before the first argument is out of range", "return select(2, pcall(select, -4, 1, 2, 3))",
                        "bad argument #1 to 'select' (index out of range)"),
                same("select past the end gives nothing", "return select('#', select(5, 1))", 0),
                same("select takes a numeric string and truncates",
                        "return select('2', 'a', 'b') .. select(2.7, 'a', 'b')", "bb"),
                same("select needs a number", "return select(2, pcall(select, 'x'))",
                        "bad argument #1 to 'select' (number expected, got string)"),
                same("table.pack counts nils in n", "local t = table.pack(1, nil, 3, nil) "
                        + "return t.n .. tostring(t[2]) .. t[3] .. tostring(t[4])", "4nil3nil"),
                same("table.pack of nothing", "return table.pack().n", 0),
                same("table.unpack with n keeps the nils",
                        "local t = table.pack(1, nil, nil) return select('#', table.unpack(t, 1, t.n))", 3),
                same("missing arguments are nil", "local function f(a, b, ...) "
                        + "return tostring(a) .. tostring(b) .. select('#', ...) end return f(1)", "1nil0"),
                same("only the last call expands",
                        "local function f() return 1, 2, 3 end return select('#', f(), f())", 4),
                same("parentheses keep one value", "local function f() return 1, 2, 3 end return select('#', (f()))", 1),
                same("... in a table constructor",
                        "local function f(...) local t = {...} return #t .. t[3] end return f('a', 'b', 'c')", "3c"),
                same("... in the middle of a list is one value", "local function f(...) return select('#', ..., 'x') end "
                        + "return f(1, 2, 3)", 2),
                same("multiple assignment adjusts", "local a, b, c = (function() return 1, 2 end)() "
                        + "return a .. b .. tostring(c)", "12nil"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("varargs")
    void varargsBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> closures() {
        return Stream.of(
                same("two closures share one upvalue", """
                        local function counter()
                          local n = 0
                          return function() n = n + 1 return n end, function() return n end
                        end
                        local inc, get = counter()
                        inc() inc()
                        local inc2, get2 = counter()
                        inc2()
                        return get() .. get2()""", "21"),
                same("a numeric for gives each iteration its own variable", """
                        local fs = {}
                        for i = 1, 3 do fs[i] = function() return i end end
                        return fs[1]() .. fs[2]() .. fs[3]()""", "123"),
                same("a generic for gives each iteration its own variables", """
                        local fs = {}
                        for k, v in ipairs({'a', 'b'}) do fs[k] = function() return k .. v end end
                        return fs[1]() .. fs[2]()""", "1a2b"),
                same("a local in a while body is fresh per iteration", """
                        local fs, i = {}, 1
                        while i <= 3 do
                          local j = i
                          fs[i] = function() return j end
                          i = i + 1
                        end
                        return fs[1]() .. fs[2]() .. fs[3]()""", "123"),
                same("a closure sees later assignments to its upvalue", """
                        local x = 1
                        local function get() return x end
                        x = 2
                        return get()""", 2),
                same("a closure's assignment is seen outside", """
                        local x = 1
                        local function set(v) x = v end
                        set(7)
                        return x""", 7),
                same("upvalues shared across nesting levels", """
                        local function outer()
                          local n = 0
                          local function mid()
                            return function() n = n + 10 return n end
                          end
                          return mid(), function() return n end
                        end
                        local add, get = outer()
                        add() add()
                        return get()""", 20),
                same("a local function can call itself", """
                        local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
                        return fact(10)""", 3628800),
                same("a shadowing local does not change the captured one", """
                        local x = 'outer'
                        local function get() return x end
                        local x = 'inner'
                        return get() .. x""", "outerinner"),
                same("closures in a repeat body may use the body's locals in until", """
                        local fs, i = {}, 0
                        repeat
                          i = i + 1
                          local j = i * 2
                          fs[i] = function() return j end
                        until j >= 6
                        return fs[1]() + fs[2]() + fs[3]()""", 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closures")
    void closuresBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> constructors() {
        // More list items than 511 flushes of 50 (LuaJ's compiler then stores the block number in an extra word),
        // an open call and ... as the last item, and a hash part.
        String big = "1, ".repeat(30_000);
        return Stream.of(
                same("a constructor of 30,000 items", "local t = {" + big + "'last'} return #t .. t[30001]",
                        "30001last"),
                same("an open call as the last item expands", """
                        local function three() return 1, 2, 3 end
                        local t = {0, three()}
                        return #t""", 4),
                same("an open call before the last item is cut to one value", """
                        local function three() return 1, 2, 3 end
                        local t = {three(), 9}
                        return #t .. t[2]""", "29"),
                same("... as the last item", """
                        local function pack(...) return {'x', ...} end
                        return #pack(1, 2, 3) .. select('#', table.unpack(pack(1, 2)))""", "43"),
                same("list and hash parts together", """
                        local t = {1, 2, a = 'x', [10] = 'y', 3}
                        return #t .. t.a .. t[10]""", "3xy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructors")
    void tableConstructorsBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> capturedLoopLocals() {
        // luajc compiles these wrongly: such a chunk stays interpreted (CapturedLoopLocals).
        return Stream.of(
                same("a captured local assigned in a branch of a for body", """
                        local fs = {}
                        for i = 1, 3 do local x = i fs[i] = function() return x end if i == 3 then x = 30 end end
                        return fs[1]() + fs[2]() + fs[3]()""", 33),
                same("the same in a generic for", """
                        local fs = {}
                        for i, v in ipairs({1, 2, 3}) do
                          local x = v fs[i] = function() return x end if i == 3 then x = 30 end
                        end
                        return fs[1]() + fs[2]() + fs[3]()""", 33),
                same("the loop variable itself", """
                        local fs = {}
                        for i = 1, 3 do fs[i] = function() return i end if i == 3 then i = 30 end end
                        return fs[1]() + fs[2]() + fs[3]()""", 33),
                same("a closure that changes the captured local too", """
                        local fs = {}
                        for i = 1, 2 do local x = i fs[i] = function() x = x + 1 return x end if i == 2 then x = 20 end end
                        return fs[1]() + fs[2]()""", 23),
                same("inside a nested function", """
                        local function mk()
                          local fs = {}
                          for i = 1, 3 do local x = i fs[i] = function() return x end if i == 3 then x = 30 end end
                          return fs
                        end
                        local fs = mk()
                        return fs[1]() + fs[2]() + fs[3]()""", 33));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedLoopLocals")
    void capturedLoopLocalsKeepEveryAssignment(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    static Stream<Arguments> tailCalls() {
        return Stream.of(
                same("tail recursion runs in constant stack", """
                        local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
                        return count(200000, 0)""", 200000),
                same("mutual tail recursion", """
                        local even, odd
                        function even(n) if n == 0 then return true end return odd(n - 1) end
                        function odd(n) if n == 0 then return false end return even(n - 1) end
                        return tostring(even(100001))""", "false"),
                same("a Java function in tail position returns all its results", """
                        local function f(...) return select('#', ...), ... end
                        local function g() return f(1, nil, 3) end
                        return table.concat({tostring(select('#', g())), tostring((g()))}, ' ')""", "4 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tailCalls")
    void tailCallsBehaveAsInLua(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }

    private LuaMessage run(String snippet) {
        return ask(actor("lang", snippet), 1);
    }

    private static Arguments same(String name, String snippet, Object expected) {
        return Arguments.of(name, snippet, expected);
    }
}
