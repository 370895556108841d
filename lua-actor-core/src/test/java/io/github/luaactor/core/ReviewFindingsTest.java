package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Findings of the review of the interpreter, per-actor library views and compiled load chunks: each test states
 * what Lua 5.2 (or the sandbox's isolation) requires. {@link InterpretedReviewFindingsTest} runs them interpreted.
 */
class ReviewFindingsTest extends ActorTestSupport {

    private LuaMessage run(String snippet) {
        return ask(actor("review", snippet), 1);
    }

    @Test
    void aNumericForWithATableAsInitialValueFailsAsLua52Says() {
        assertThat(run("""
                local ok, e = pcall(function() for i = {}, 2 do end end)
                return e""").toString()).contains("'for' initial value must be a number");
    }

    @Test
    void aNumericForNeverCallsAnArithmeticMetamethodOfItsInitialValue() {
        assertThat(run("""
                local t = setmetatable({}, {__sub = function() return 1 end, __add = function() return 1 end})
                local n = 0
                local ok = pcall(function() for i = t, 2 do n = n + 1 if n > 5 then break end end end)
                return tostring(ok) .. n""")).isEqualTo(LuaMessage.from("false0"));
    }

    @Test
    void aLibraryChangeIsSeenInsideTheActorsCoroutines() {
        assertThat(run("""
                math.x = 7
                local co = coroutine.wrap(function() math.y = 8; return math.x end)
                local r = co()
                return r .. ',' .. tostring(math.y)""")).isEqualTo(LuaMessage.from("7,8"));
    }

    @Test
    void aReplacedStringMethodIsSeenInsideTheActorsCoroutines() {
        assertThat(run("""
                string.upper = function() return 'X' end
                return coroutine.wrap(function() return ('a'):upper() end)()""")).isEqualTo(LuaMessage.from("X"));
    }

    @Test
    void anActorCalledOnTheSameThreadDoesNotSeeTheCallersLibraryChanges() {
        actor("peer", "return tostring(math.x) .. tostring(string.upper == string.lower)");
        LuaActorRef caller = actor("caller", """
                math.x = 'mine'
                string.upper = string.lower
                local r = ctx.send('peer', 1)
                return r .. '|' .. math.x .. tostring(string.upper == string.lower)""");
        assertThat(ask(caller, 1)).isEqualTo(LuaMessage.from("nilfalse|minetrue"));
    }

    @Test
    void closuresMadeInALoopKeepTheirOwnUpvaluesAcrossBreak() {
        assertThat(run("""
                local fs = {}
                local i = 1
                while true do
                  local j = i
                  fs[#fs + 1] = function() return j end
                  i = i + 1
                  if i > 3 then break end
                end
                return fs[1]() + fs[2]() * 10 + fs[3]() * 100""")).isEqualTo(LuaMessage.from(321));
    }

    @Test
    void aTableConstructorOfMoreThan25550ItemsKeepsEveryItem() {
        StringBuilder items = new StringBuilder("local t = {");
        for (int i = 1; i <= 26000; i++) {
            items.append(i).append(',');
        }
        items.append("}\nreturn #t .. ':' .. t[25551] .. ':' .. t[26000]");
        assertThat(run(items.toString())).isEqualTo(LuaMessage.from("26000:25551:26000"));
    }

    @Test
    void aTailCallThroughCallMetamethodsRunsInConstantStack() {
        assertThat(run("""
                local t
                t = setmetatable({}, {__call = function(self, n)
                  if n == 0 then return 'done' end
                  return self(n - 1)
                end})
                local ok, r = pcall(t, 100000)
                return tostring(r)""")).isEqualTo(LuaMessage.from("done"));
    }

    /**
     * A handler that loads many one-off chunks twice each (within its instruction budget: a few instructions per
     * load) must not make the JVM compile and define a class per chunk: each luajc compile costs about a
     * millisecond of CPU the instruction limit never sees, a class loader and metaspace shared by every actor.
     */
    @Test
    void oneOffChunksLoadedTwiceDoNotEachDefineAClass() {
        LuaActorRef loader = actor("loader", """
                for i = 1, ctx.msg do
                  local s = 'local a = ' .. i .. ' for j = 1, 3 do a = a + j end return a'
                  load(s, 'c')
                  load(s, 'c')
                end
                return ctx.msg""");
        ask(loader, 5);
        long before = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        ask(loader, 1000);
        long defined = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - before;
        assertThat(defined).as("classes defined while loading 1000 one-off chunks twice each").isLessThan(200);
    }

    /**
     * luajc loses an assignment to a captured local made in a branch of a loop body (the closure keeps the value
     * from before). Handlers compiled so did before this change; now a chunk {@code load}ed the second time is
     * compiled too, so the same text gives a different answer on its second load than on its first.
     */
    @Test
    void aChunkLoadedAgainGivesTheSameAnswerAsOnItsFirstLoad() {
        assertThat(run("""
                local src = [[
                  local fs = {}
                  for i = 1, 3 do
                    local x = i
                    fs[i] = function() return x end
                    if i == 3 then x = 30 end
                  end
                  return fs[1]() + fs[2]() + fs[3]()]]
                local first = load(src, 'chunk')()
                local second = load(src, 'chunk')()
                return first .. ' ' .. second""")).isEqualTo(LuaMessage.from("33 33"));
    }

    static Stream<Arguments> semantics() {
        return Stream.of(
                Arguments.of("open varargs count nils", "local function f(...) return select('#', ...) end "
                        + "return f(nil, nil)", 2),
                Arguments.of("SETLIST with an open call", "local function f() return 2, 3 end "
                        + "local t = {1, f()} return #t * 10 + t[3]", 33),
                Arguments.of("TESTSET", "local a = nil or false or 'x' local b = 1 and nil "
                        + "return a .. tostring(b)", "xnil"),
                Arguments.of("__le falls back to not __lt", "local mt = {__lt = function(a, b) return a.v < b.v end} "
                        + "local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt) "
                        + "return tostring(a <= b) .. tostring(b <= a)", "truefalse"),
                Arguments.of("__concat", "local t = setmetatable({}, {__concat = function(a, b) "
                        + "return type(a) .. type(b) end}) return (t .. 'x') .. (1 .. t)", "tablestringnumbertable"),
                Arguments.of("modulo signs", "return table.concat({-5 % 3, 5 % -3, 5.5 % -2}, ' ')", "1 -1 -0.5"),
                Arguments.of("string arithmetic", "return ('10' + 1) + ('0x10' * 1) + ('1e1' + 0)", 37),
                Arguments.of("goto continue closes the loop's upvalue", """
                        local fs = {}
                        for i = 1, 3 do
                          local x = i
                          fs[i] = function() return x end
                          if i < 3 then goto continue end
                          x = 30
                          ::continue::
                        end
                        return fs[1]() + fs[2]() + fs[3]()""", 33),
                Arguments.of("a captured local assigned in a branch of a loop body", "local fs = {} "
                        + "for i = 1, 3 do local x = i fs[i] = function() return x end if i == 3 then x = 30 end end "
                        + "return fs[1]() + fs[2]() + fs[3]()", 33),
                Arguments.of("a tail call of a Java function returning its arguments",
                        "local a, b = (function() return select(2, 'a', 'b', 'c') end)() return a .. b", "bc"),
                Arguments.of("a tail call of pcall", "local ok, e = (function() return pcall(error, 'x', 0) end)() "
                        + "return tostring(ok) .. e", "falsex"),
                Arguments.of("coroutines pass values", "local co = coroutine.wrap(function(a) "
                        + "local b = coroutine.yield(a + 1) return b * 2 end) return co(1) + co(10)", 22),
                Arguments.of("a fractional step", "local s = 0 for i = 1, 2, 0.5 do s = s + i end return s", 4.5),
                Arguments.of("a string step and limit", "local s = 0 for i = 1, '3', '1' do s = s + i end "
                        + "return s", 6),
                Arguments.of("a method call on a number's string", "local n = 5 return ('x'):rep(n)", "xxxxx"),
                Arguments.of("integer overflow becomes a double", "return 2147483647 + 1 == 2^31", true),
                Arguments.of("upvalues shared by two closures", "local function mk() local n = 0 "
                        + "return function() n = n + 1 return n end, function() return n end end "
                        + "local inc, get = mk() inc() inc() return get()", 2),
                Arguments.of("multiple results in the middle are cut to one", "local function f() return 1, 2 end "
                        + "local a, b, c = f(), 10 return tostring(a) .. tostring(b) .. tostring(c)", "110nil"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semantics")
    void interpretedAndCompiledCodeFollowLua52(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
    }
}
