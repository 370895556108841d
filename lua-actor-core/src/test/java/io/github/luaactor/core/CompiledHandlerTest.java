package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Straight-line handlers run as JVM bytecode: every case runs on a system that compiles them and on one that
 * interprets everything, and must answer the same, errors (class, chunk, line, message) included.
 */
class CompiledHandlerTest {
    /** Actors whose handler ran with a compiled handler frame on the stack when it called {@code note()}. */
    private final Set<String> ranCompiled = ConcurrentHashMap.newKeySet();

    private LuaActorSystem system(boolean compile) {
        LuaActorSystem system = LuaActorSystem.builder().compileHandlers(compile)
                .customizer(globals -> {
                    String actor = globals.actorName();
                    globals.function("note", args -> {
                        if (StackWalker.getInstance().walk(frames -> frames
                                .anyMatch(f -> f.getClassName().startsWith("lua_actor_handler_")))) {
                            ranCompiled.add(actor);
                        }
                        return null;
                    });
                })
                .build();
        system.addRecipient("twice", message -> LuaMessage.from(((LuaMessage.Int) message).value() * 2));
        return system;
    }

    static Stream<Arguments> straightLineHandlers() {
        return Stream.of(
                Arguments.of("arith", "local a = ctx.msg\nreturn {a + 1, a - 1, a * 2, a / 2, a % 3, a ^ 2, -a}",
                        List.of(3, 2.5, -7)),
                Arguments.of("compare", "local a = ctx.msg\nreturn {a < 3, a <= 3, a == 3, a ~= 3, not a, a and 1 or 2}",
                        List.of(2, 3, 4)),
                Arguments.of("branches", "if ctx.msg > 2 then return 'big'\nelseif ctx.msg > 1 then return 'mid'\n"
                        + "else return 'small' end", List.of(1, 2, 3)),
                Arguments.of("state", "ctx.state.n = (ctx.state.n or 0) + ctx.msg\nreturn ctx.state.n",
                        List.of(1, 2, 3)),
                Arguments.of("globals", "count = (count or 0) + 1\nreturn count", List.of(0, 0, 0)),
                Arguments.of("tables", "local t = {1, 2, 3, x = ctx.msg}\nt[4] = 5\nt.y = {z = t.x}\n"
                        + "return {#t, t.x, t[4], t.y.z, select('#', 1, 2, 3), select(2, 'a', 'b', 'c')}",
                        List.of("v")),
                Arguments.of("multiple returns", "return {string.byte('abc', 1, -1)}", List.of(0)),
                Arguments.of("table message", "return ctx.msg.b[2] + ctx.msg.a",
                        List.of(Map.of("a", 1, "b", List.of(2, 3)))),
                Arguments.of("strings", "local s = ctx.msg\nreturn {#s, s:upper(), s:sub(2), string.format('%5s', s)}",
                        List.of("abc")),
                Arguments.of("tail call", "return tostring(ctx.msg)", List.of(1, true)),
                Arguments.of("forward goto", "if ctx.msg then goto done end\nctx.state.x = 1\n::done::\n"
                        + "return ctx.state.x", List.of(false, true)),
                Arguments.of("varargs", "return select('#', ...)", List.of(1)),
                Arguments.of("vararg table", "local t = {...}\nreturn #t", List.of(1)),
                Arguments.of("method calls", "local s = ctx.msg\nlocal a, b = s:find('b')\nreturn {a, b, s:rep(2, '-')}",
                        List.of("abc")),
                Arguments.of("multiple assignment", "local a, b, c = ctx.msg, 2\na, b = b, a\n"
                        + "local x, y = string.byte('xy', 1, 2)\nreturn {a, b, c == nil, x, y}", List.of(1)),
                Arguments.of("long constructor", "local t = {" + "1, ".repeat(120) + "ctx.msg}\nreturn {#t, t[121]}",
                        List.of(9)),
                Arguments.of("string comparisons", "local a = ctx.msg\nreturn {a < 'm', a == 'abc', a >= 'abc', #a}",
                        List.of("abc", "zz")),
                Arguments.of("and or chains", "local a = ctx.msg\nlocal r = a and a > 1 and 'big' or a == 1 and 'one'"
                        + " or 'other'\nreturn r", List.of(0, 1, 2)),
                Arguments.of("nested state", "local s = ctx.state\ns.list = s.list or {}\ns.list[#s.list + 1] = ctx.msg\n"
                        + "s.last = s.list[#s.list]\nreturn {#s.list, s.last}", List.of("a", "b")),
                Arguments.of("do_send and notify", "if ctx.msg == 'again' then return 'done' end\n"
                        + "ctx.do_send('twice', 1)\nctx.notify('again')\nreturn 'sent'", List.of("go")),
                Arguments.of("pcall", "local ok, e = pcall(error, {code = ctx.msg})\nreturn {ok, e.code}", List.of(7)),
                Arguments.of("send", "local r = ctx.send('twice', ctx.msg)\nreturn r + 1", List.of(20)),
                Arguments.of("arith error", "local x = 1\nreturn ctx.msg + nil", List.of(1)),
                Arguments.of("index error", "local t = nil\n\nreturn t.x", List.of(1)),
                Arguments.of("error call", "local x = 1\nerror('boom')", List.of(1)),
                Arguments.of("error table", "\nerror({code = 1})", List.of(1)),
                Arguments.of("library error", "local x = 1\nlocal s = string.rep()\nreturn s", List.of(1)),
                Arguments.of("tail call error", "local x = 1\nreturn string.rep()", List.of(1)),
                Arguments.of("unknown recipient", "\nreturn ctx.send('nobody', 1) + 1", List.of(1)),
                Arguments.of("call nil", "local f\nf()", List.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("straightLineHandlers")
    void aCompiledHandlerAnswersAsTheInterpreterDoes(String name, String script, List<Object> messages) {
        String actor = name.replace(' ', '-');
        List<String> interpreted = outcomes(false, actor, script, messages);
        assertThat(ranCompiled).isEmpty();
        List<String> compiled = outcomes(true, actor, script, messages);
        assertThat(ranCompiled).as("the handler ran compiled").containsExactly(actor);
        assertThat(compiled).isEqualTo(interpreted);
    }

    @Test
    void aHandlerWithALoopAClosureOrAConcatenationRunsCompiledToo() {
        try (LuaActorSystem system = system(true)) {
            List<String> scripts = List.of("note() for i = 1, 2 do end", "note() while false do end",
                    "note() local f = function() end", "note() return 'a' .. ctx.msg",
                    "note() ::top:: if ctx.msg == 1 then goto top end",
                    "note() if ctx.msg then return tostring(1) end return tostring(2)");
            for (int i = 0; i < scripts.size(); i++) {
                LuaActorRef actor = LuaActorBuilder.create().name("a" + i).onHandle(scripts.get(i)).start(system);
                assertThat(outcome(actor, "x")).doesNotStartWith("error");
            }
            assertThat(ranCompiled).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "a5");
        }
    }

    static Stream<Arguments> handlersAsUsersWriteThem() {
        return Stream.of(
                Arguments.of("numeric for", "local s = 0\nfor i = 1, ctx.msg do s = s + i end\nreturn s", List.of(10, 0)),
                Arguments.of("for with step", "local t = {}\nfor i = ctx.msg, 1, -2 do t[#t + 1] = i end\nreturn t",
                        List.of(9)),
                Arguments.of("while and repeat", "local n, k = ctx.msg, 0\nwhile n > 1 do\n if n % 2 == 0 then n = n / 2"
                        + " else n = 3 * n + 1 end\n k = k + 1\nend\nrepeat k = k - 1 until k < 5\nreturn k",
                        List.of(27, 6)),
                Arguments.of("pairs and ipairs", "local t = {a = 1, b = 2, 3, 4}\nlocal s = 0\nfor k, v in pairs(t) do "
                        + "s = s + v end\nfor i, v in ipairs(t) do s = s + i * v end\nreturn s", List.of(0)),
                Arguments.of("sliding window", "local w = ctx.state.w or {}\nctx.state.w = w\nw[#w + 1] = ctx.msg\n"
                        + "if #w > 4 then table.remove(w, 1) end\nlocal sum, max = 0, -math.huge\n"
                        + "for i = 1, #w do local v = w[i]\n sum = sum + v\n if v > max then max = v end\nend\n"
                        + "return {sum / #w, max}", List.of(3, 9, 1, 4, 7, 2)),
                Arguments.of("query string", "local parts = {}\nfor i = 1, 8 do parts[#parts + 1] = 'k' .. i .. '=' "
                        + ".. ctx.msg .. i end\nreturn table.concat(parts, '&'):upper()", List.of("v")),
                Arguments.of("closure per step", "local function add(a) return function(b) return a + b end end\n"
                        + "local acc = 0\nfor i = 1, ctx.msg do acc = add(acc)(i) end\nreturn acc", List.of(100)),
                Arguments.of("closures over loop variables", "local fs = {}\nfor i = 1, 3 do fs[i] = function() "
                        + "return i * ctx.msg end end\nreturn fs[1]() + fs[2]() + fs[3]()", List.of(2)),
                Arguments.of("shared upvalue", "local n = 0\nlocal function inc() n = n + 1 return n end\n"
                        + "local function get() return n end\ninc() inc()\nreturn {get(), inc()}", List.of(0)),
                Arguments.of("recursion", "local function fib(n) if n < 2 then return n end\n"
                        + "return fib(n - 1) + fib(n - 2) end\nreturn fib(ctx.msg)", List.of(15)),
                Arguments.of("varargs in a nested function", "local function f(...) local t = {...}\n"
                        + "return select('#', ...), t[2], ... end\nreturn {f(ctx.msg, 'b', nil)}", List.of("a")),
                Arguments.of("sort with a comparator", "local t = {5, 2, 8, 1, ctx.msg}\ntable.sort(t, function(a, b) "
                        + "return a > b end)\nreturn t", List.of(3)),
                Arguments.of("gsub with a function", "return (ctx.msg:gsub('%w+', function(w) return w:upper() .. '!' end))",
                        List.of("hello big world")),
                Arguments.of("goto loop", "local i = 0\n::again::\ni = i + 1\nif i < ctx.msg then goto again end\n"
                        + "return i", List.of(5)),
                Arguments.of("nested loops with break", "local c = 0\nfor i = 1, 10 do\n for j = 1, 10 do\n"
                        + "  if j > i then break end\n  c = c + 1\n end\nend\nreturn c", List.of(0)),
                Arguments.of("coroutine generator", "local gen = coroutine.wrap(function(n) for i = 1, n do "
                        + "coroutine.yield(i * i) end end)\nlocal s = gen(ctx.msg)\nfor i = 2, ctx.msg do s = s + gen() end\n"
                        + "return s", List.of(4)),
                Arguments.of("json event", "local e = json.decode(ctx.msg)\nlocal s = ctx.state\n"
                        + "s[e.user] = (s[e.user] or 0) + e.amount\nlocal n = 0\nfor _, item in ipairs(e.items) do "
                        + "n = n + item.qty end\nreturn {s[e.user], n}",
                        List.of("{\"user\":\"ann\",\"amount\":5,\"items\":[{\"qty\":2},{\"qty\":3}]}",
                                "{\"user\":\"ann\",\"amount\":1,\"items\":[]}")),
                Arguments.of("string building", "local s = ''\nfor i = 1, ctx.msg do s = s .. i .. ',' end\nreturn s",
                        List.of(5)),
                Arguments.of("numbers of every kind in a chain", "local n = ctx.msg\nreturn 'a' .. n .. '|' .. -n .. '|'"
                        + " .. n * 1000 .. '|' .. n / 4 .. '|' .. 2^31 .. '|' .. n .. n .. (n + 1023)", List.of(1, 0, 7)),
                Arguments.of("__concat sees the numbers in a chain", "local mt = {__concat = function(a, b)\n"
                        + " local function show(v) return type(v) == 'table' and 'T' or v end\n"
                        + " return type(a) .. ':' .. show(a) .. '+' .. type(b) .. ':' .. show(b) end}\n"
                        + "local t = setmetatable({}, mt)\nreturn {ctx.msg .. t, 'x' .. ctx.msg .. t, t .. ctx.msg,"
                        + " ctx.msg .. 5 .. t}", List.of(3)),
                Arguments.of("json objects with repeated names and nulls keep their order", "local json = require('json')\n"
                        + "local out = {}\nfor k, v in pairs(json.decode(ctx.msg)) do\n"
                        + " out[#out + 1] = k .. '=' .. (type(v) == 'table' and '{}' or v)\nend\nreturn table.concat(out, ',')",
                        List.of("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", "{\"a\":1,\"b\":null,\"c\":3,\"b\":5}",
                                "{\"a\":1,\"b\":2,\"a\":3,\"e\":{\"x\":null,\"y\":1,\"x\":2}}",
                                "{\"z\":null,\"y\":1}")),
                Arguments.of("error in a nested function", "local function f(x)\n local y = x + 1\n return y * nil\nend\n"
                        + "return f(ctx.msg)", List.of(1)),
                Arguments.of("error() in a nested function", "local function f()\n error('deep')\nend\nf()",
                        List.of(1)),
                Arguments.of("pcall of a nested function", "local ok, e = pcall(function()\n local t = nil\n"
                        + " return t.x end)\nreturn {ok, e}", List.of(1)),
                Arguments.of("pcall of error in a loop", "local errs = {}\nfor i = 1, 2 do\n local ok, e = pcall(error, "
                        + "'e' .. i)\n errs[i] = e\nend\nreturn errs", List.of(1)),
                Arguments.of("error in a loop", "for i = 1, 3 do\n if i == ctx.msg then\n  error('at ' .. i)\n end\n"
                        + "end\nreturn 'none'", List.of(2, 5)),
                Arguments.of("concatenation over the limit", "local s = ('x'):rep(700 * 1024)\nlocal t = s .. s\n"
                        + "return #t", List.of(1)),
                Arguments.of("objects with metatables", "local Acc = {}\nAcc.__index = Acc\n"
                        + "function Acc.new(n) return setmetatable({n = n}, Acc) end\n"
                        + "function Acc:add(k) self.n = self.n + k return self end\n"
                        + "local mt = {__add = function(a, b) return Acc.new(a.n + b.n) end}\n"
                        + "local a = Acc.new(1):add(ctx.msg):add(2)\nsetmetatable(a, {__index = Acc, __add = mt.__add})\n"
                        + "return (a + Acc.new(10)).n", List.of(5)),
                Arguments.of("closures three deep", "local function a(x) return function(y) return function(z) "
                        + "x = x + 1 return x + y + z end end end\nlocal f = a(ctx.msg)(10)\nreturn {f(1), f(1), f(2)}",
                        List.of(1)),
                Arguments.of("repeat with a local in until", "local i = 0\nrepeat local j = i * 2\n i = i + 1\n"
                        + "until j >= ctx.msg\nreturn i", List.of(6)),
                Arguments.of("break out of a closure loop", "local fs = {}\nlocal i = 1\nwhile true do\n"
                        + " local k = i\n fs[#fs + 1] = function() return k end\n if i >= ctx.msg then break end\n"
                        + " i = i + 1\nend\nlocal s = 0\nfor _, f in ipairs(fs) do s = s + f() end\nreturn s",
                        List.of(4)),
                Arguments.of("varargs forwarded", "local function pack(...) return {n = select('#', ...), ...} end\n"
                        + "local function fwd(...) return pack(...) end\nlocal t = fwd(ctx.msg, nil, 3)\n"
                        + "return {t.n, t[1], t[3]}", List.of("a")),
                Arguments.of("numeric edge cases", "local t = {}\nfor i = 1, 3, 0.5 do t[#t + 1] = i end\n"
                        + "for i = 3, 1 do t[#t + 1] = 'never' end\nreturn {#t, t[2], t[5]}", List.of(0)),
                Arguments.of("string methods in a loop", "local out = {}\nfor w in ctx.msg:gmatch('%a+') do\n"
                        + " out[#out + 1] = w:sub(1, 1):upper() .. w:sub(2)\nend\nreturn table.concat(out, ' ')",
                        List.of("the quick brown fox")),
                Arguments.of("error in a coroutine", "local co = coroutine.create(function()\n local x = nil\n"
                        + " return x.y end)\nlocal ok, e = coroutine.resume(co)\nreturn {ok, e}", List.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlersAsUsersWriteThem")
    void aHandlerAsUsersWriteItAnswersAsTheInterpreterDoes(String name, String script, List<Object> messages) {
        String actor = name.replace(' ', '-');
        List<String> interpreted = outcomes(false, actor, script, messages);
        List<String> compiled = outcomes(true, actor, script, messages);
        assertThat(ranCompiled).as("the handler ran compiled").containsExactly(actor);
        assertThat(compiled).isEqualTo(interpreted);
    }

    static Stream<Arguments> runawayHandlers() {
        return Stream.of(
                Arguments.of("busy loop", "local x = 1\nwhile true do end"),
                Arguments.of("inside pcall", "local ok, e = pcall(function()\n while true do end\nend)\nreturn e"),
                Arguments.of("in a nested function", "local function spin()\n local i = 0\n while true do i = i + 1 end\n"
                        + "end\nspin()"),
                Arguments.of("loop with a call", "local n = 0\nwhile true do\n n = n + math.abs(-1)\nend"),
                Arguments.of("inside a coroutine", "local co = coroutine.wrap(function()\n while true do end\nend)\nco()"),
                Arguments.of("pcall in a coroutine", "local co = coroutine.create(function()\n return pcall(function()\n"
                        + "  repeat until false\n end)\nend)\nreturn {coroutine.resume(co)}"),
                Arguments.of("recursion without loops", "local function f(n) if n > 1e12 then return n end\n"
                        + " return f(n + 1) + 0 end\nreturn f(1)"),
                Arguments.of("goto loop", "local n = 0\n::top::\nn = n + 1\ngoto top"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runawayHandlers")
    void aRunawayCompiledHandlerIsStoppedAsTheInterpreterStopsIt(String name, String script) {
        String actor = name.replace(' ', '-');
        for (boolean byTime : List.of(false, true)) {
            ranCompiled.clear();
            String interpreted = runaway(false, actor, script, byTime);
            String compiled = runaway(true, actor, script, byTime);
            assertThat(ranCompiled).as("the handler ran compiled").containsExactly(actor);
            // Stopped by the budget, or (recursion) by the stack: the same way either way.
            assertThat(compiled).as(byTime ? "time budget" : "instruction budget").isEqualTo(interpreted)
                    .matches("(?s)error:(BudgetExceededException|LuaScriptException)\\|" + actor + "\\.handle:[1-9].*");
        }
    }

    private String runaway(boolean compile, String actorName, String script, boolean byTime) {
        try (LuaActorSystem system = system(compile)) {
            // A call depth the interpreter reaches before its instruction budget, as compiled code does.
            LuaActorBuilder builder = LuaActorBuilder.create().name(actorName).onHandle("note() " + script)
                    .settings(s -> s.withQuotas(s.quotas().withMaxCallDepth(5_000)));
            builder = byTime ? builder.instructionLimit(0).handlerTimeout(Duration.ofMillis(200))
                    : builder.instructionLimit(100_000).handlerTimeout(Duration.ofSeconds(60));
            LuaActorRef actor = builder.start(system);
            return outcome(actor, 1);
        }
    }

    /** luajc would make the constant the integer 0 and hash a -0 key apart from 0: Lua 5.2 gives {@code -inf}. */
    @Test
    void aNegativeZeroConstantKeepsItsSignInCompiledCode() {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef actor = LuaActorBuilder.create().name("negzero").onHandle("""
                    note()
                    local z, zero = -0.0, 0
                    local t = {[0] = 'zero', a = 1, b = 2, c = 3, d = 4, e = 5}
                    t[zero * -1] = t[z] .. '!'
                    return tostring(1 / z) .. ' ' .. tostring(z) .. ' ' .. t[0]""").start(system);
            assertThat(outcome(actor, 1)).isEqualTo("ok:" + LuaMessage.from("-inf -0 zero!"));
            assertThat(ranCompiled).as("the handler ran compiled").containsExactly("negzero");
        }
    }

    @Test
    void aCompiledHandlerIsChargedItsLengthAgainstTheInstructionLimit() {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef tight = LuaActorBuilder.create().name("tight").instructionLimit(3)
                    .onHandle("note()\nlocal a, b, c = 1, 2, 3\nreturn a + b + c").start(system);
            assertThat(outcome(tight, 1)).startsWith("error:BudgetExceededException|tight.handle:1|");
            LuaActorRef enough = LuaActorBuilder.create().name("enough").instructionLimit(20)
                    .onHandle("note()\nlocal a, b, c = 1, 2, 3\nreturn a + b + c").start(system);
            assertThat(outcome(enough, 1)).isEqualTo("ok:" + LuaMessage.from(6));
        }
    }

    @Test
    void aBudgetExceededInACalledFunctionNamesTheCompiledLine() {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef matcher = LuaActorBuilder.create().name("matcher").instructionLimit(0)
                    .handlerTimeout(Duration.ofMillis(100))
                    .onHandle("note()\nlocal r = string.find(('a'):rep(800), '.-.-.-b')\nreturn r").start(system);
            assertThat(outcome(matcher, 1)).startsWith("error:BudgetExceededException|matcher.handle:2|");
        }
        assertThat(ranCompiled).containsExactly("matcher");
    }

    @Test
    void aReloadedHandlerIsCompiledToo() throws Exception {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef actor = LuaActorBuilder.create().name("reloaded").onHandle("for i = 1, 1 do end return 1")
                    .start(system);
            assertThat(outcome(actor, 0)).isEqualTo("ok:" + LuaMessage.from(1));
            assertThat(ranCompiled).isEmpty();
            actor.reload("note() return 2").get(10, TimeUnit.SECONDS);
            assertThat(outcome(actor, 0)).isEqualTo("ok:" + LuaMessage.from(2));
        }
        assertThat(ranCompiled).containsExactly("reloaded");
    }

    /** {@code table: 0x1b6d3586} differs between two runs of the same script. */
    private static String withoutIdentities(String text) {
        return text == null ? null : text.replaceAll("table: (0x)?[0-9a-f]+", "table: <id>");
    }

    private List<String> outcomes(boolean compile, String actorName, String script, List<Object> messages) {
        try (LuaActorSystem system = system(compile)) {
            LuaActorRef actor = LuaActorBuilder.create().name(actorName).onHandle("note() " + script).start(system);
            List<String> outcomes = new ArrayList<>();
            for (Object message : messages) {
                outcomes.add(outcome(actor, message));
            }
            return outcomes;
        }
    }

    private static String outcome(LuaActorRef actor, Object message) {
        try {
            return "ok:" + actor.send(LuaMessage.from(message)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return switch (cause) {
                case LuaScriptException s -> "error:" + s.getClass().getSimpleName() + "|" + s.chunk() + ":"
                        + s.line() + "|" + withoutIdentities(s.luaMessage()) + "|" + withoutIdentities(s.luaTraceback());
                case BudgetExceededException b -> "error:" + b.getClass().getSimpleName() + "|" + b.chunk() + ":"
                        + b.line() + "|" + b.getMessage();
                default -> "error:" + cause.getClass().getSimpleName() + "|" + cause.getMessage();
            };
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
