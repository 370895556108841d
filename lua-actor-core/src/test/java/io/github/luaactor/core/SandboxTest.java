package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile scripts. Each must fail with its exact error kind (or, where the sandbox allows the operation,
 * succeed harmlessly), and afterwards the actor and its neighbour must still answer.
 */
class SandboxTest extends ActorTestSupport {

    private static final String MB = "1024 * 1024";

    static Stream<Arguments> hostileScripts() {
        return Stream.of(
                lua("io library", "return io.open('/etc/passwd')", "'io' is not available in the Lua actor sandbox"),
                lua("os.execute", "return os.execute('id')", "'os.execute' is not available"),
                lua("os.exit", "os.exit(1)", "'os.exit' is not available"),
                lua("os.getenv", "return os.getenv('HOME')", "'os.getenv' is not available"),
                lua("os.remove", "return os.remove('/tmp/x')", "'os.remove' is not available"),
                lua("require a library the sandbox removed", "return require('io')",
                        "'io' is not available in the Lua actor sandbox"),
                lua("require a Java class", "return require 'org.luaj.vm2.lib.jse.LuajavaLib'",
                        "module 'org.luaj.vm2.lib.jse.LuajavaLib' not found"),
                lua("require a path", "return require '../../etc/passwd'", "invalid module name"),
                lua("luajava", "return luajava.bindClass('java.lang.System')", "'luajava' is not available"),
                lua("debug library", "return debug.getinfo(1)", "'debug' is not available"),
                lua("dofile", "return dofile('/etc/passwd')", "'dofile' is not available"),
                lua("loadfile", "return loadfile('/etc/passwd')", "'loadfile' is not available"),
                lua("collectgarbage", "return collectgarbage('count')", "'collectgarbage' is not available"),
                lua("package", "return package.loaded", "'package' is not available"),
                lua("setfenv", "setfenv(1, {})", "'setfenv' is not available"),
                lua("string.dump", "return load(string.dump(function() return 1 end))",
                        "'string.dump' is not available"),
                lua("binary chunk", "return assert(load('\\27Lua\\82\\0\\1\\4\\4\\4\\8\\0'))",
                        "binary chunks are not allowed"),
                lua("binary chunk from a reader", """
                        local parts = {'\\27', 'Lua\\82'}
                        local i = 0
                        return assert(load(function() i = i + 1 return parts[i] end))""",
                        "binary chunks are not allowed"),
                lua("loaded chunk is sandboxed too", "return load('return os.execute')()", "'os.execute' is not available"),
                allowed("string metatable __index, for the actor's own strings (the neighbour keeps its own)",
                        "getmetatable('').__index = {} return tostring(('x').upper)", LuaMessage.from("nil")),
                allowed("a string metamethod, for the actor's own strings",
                        "getmetatable('').__add = function(a, b) return 'added' end return 'a' + 'b'",
                        LuaMessage.from("added")),
                allowed("string method through metatable, for the actor itself (the neighbour keeps its own)",
                        "getmetatable('').__index.upper = function() return 'pwned' end return ('x'):upper()",
                        LuaMessage.from("pwned")),
                lua("metatable of the shared string library", "getmetatable(string).__index = print",
                        "attempt to index a string value"),
                lua("rawset on the metatable of the shared os library",
                        "rawset(getmetatable(os), '__index', print)", "table expected, got string"),
                lua("setmetatable on the shared os library", "setmetatable(os, {})",
                        "cannot change a protected metatable"),
                allowed("string library field, for the actor itself (the neighbour keeps its own)",
                        "string.upper = function() return 'pwned' end return ('x'):upper() .. string.upper('y')",
                        LuaMessage.from("pwnedpwned")),
                allowed("rawset on its own string table (the neighbour keeps its own)",
                        "rawset(string, 'upper', function() return 'pwned' end) return ('x'):upper()",
                        LuaMessage.from("pwned")),
                allowed("rawset on a library, for the actor itself",
                        "rawset(math, 'floor', function() return 'mine' end) return math.floor(1.5)",
                        LuaMessage.from("mine")),
                allowed("table library, for the actor itself", "table.insert = nil return tostring(table.insert)",
                        LuaMessage.from("nil")),
                allowed("math library, for the actor itself", "math.pi = 3 return math.pi", LuaMessage.from(3)),
                lua("setmetatable on a library", "setmetatable(math, {})", "read-only table 'math'"),
                allowed("a metatable on _G, and a library changed through it, for the actor itself",
                        "setmetatable(_G, {__index = function() return 1 end}) table.insert = nosuch "
                        + "return table.insert", LuaMessage.from(1)),
                lua("huge string.rep", "return string.rep('x', 2^30)", "exceeds the sandbox limit"),
                lua("huge string method", "local s = ('x'):rep(" + MB + ") return #(s:rep(2))",
                        "exceeds the sandbox limit"),
                lua("huge table.concat", "local t = {} for i = 1, 4 do t[i] = ('x'):rep(512 * 1024) end "
                        + "return #table.concat(t)", "exceeds the sandbox limit"),
                lua("string.rep whose length overflows a long", "return string.rep('ab', 2^62 + 2^29)",
                        "string.rep: result of more than 2^63 bytes exceeds the sandbox limit"),
                lua("string.rep with a separator", "return #('x'):rep(2^20, ',')", "(max-string-length)"),
                lua("table.concat through a proxy table", "local t = setmetatable({}, {__index = function() "
                        + "return ('x'):rep(2^20) end}) return #table.concat(t, '', 1, 4)",
                        "invalid value (nil) at index 1 in table for 'concat'"),
                lua("table.concat of numbers", "local t = {} for i = 1, 150000 do t[i] = 1234567 end "
                        + "return #table.concat(t)", "table.concat: result of 1048579 bytes exceeds"),
                lua("table.concat over a huge range of nils", "return table.concat({}, '', 1, 2^31 - 1)",
                        "invalid value (nil) at index 1 in table for 'concat'"),
                lua("doubling a string with ..", "local s = ('x'):rep(2^20) for i = 1, 30 do s = s .. s end "
                        + "return #s", "string concatenation (..): result of 2097152 bytes exceeds"),
                lua("one .. of many pieces", "local s = ('x'):rep(2^19) return #(s .. s .. 1)",
                        "string concatenation (..): result of 1048577 bytes exceeds"),
                lua(".. inside a coroutine", "local co = coroutine.wrap(function() local s = ('x'):rep(2^20) "
                        + "return s .. s end) return #co()", "string concatenation (..)"),
                lua(".. after a coroutine yielded mid-call", "local co = coroutine.wrap(function() "
                        + "local function deep() coroutine.yield() end deep() end) co() "
                        + "local s = ('x'):rep(2^20) return #(s .. s)", "string concatenation (..)"),
                lua("string.format with many %s", "local s = ('x'):rep(2^19) "
                        + "return #string.format('%s%s%s', s, s, s)", "string.format: result of"),
                lua("os.date with a huge format", "return #os.date(('%c'):rep(2^18))", "os.date: result of"),
                lua("reply of doubly shared tables", "local t = {} for i = 1, 60 do t = {t, t} end return t",
                        "cannot send a message of more than 1000000 values"),
                lua("ctx.send of one string referenced many times", "local s = ('x'):rep(2^20) local t = {} "
                        + "for i = 1, 17 do t[i] = s end return ctx.send('neighbour', t)",
                        "cannot send a message with more than 16777216 bytes of strings"),
                lua("ctx.do_send of doubly shared tables", "local t = {} for i = 1, 60 do t = {t, t} end "
                        + "ctx.do_send('neighbour', t)", "cannot send a message of more than 1000000 values"),
                lua("thousands of coroutines", "local keep = {} for i = 1, 100000 do "
                        + "keep[i] = coroutine.create(function() coroutine.yield() end) coroutine.resume(keep[i]) end",
                        "coroutine.create: more than 1000 unfinished coroutines in one actor"),
                lua("thousands of wrapped coroutines", "local keep = {} for i = 1, 100000 do "
                        + "keep[i] = coroutine.wrap(function() coroutine.yield() end) keep[i]() end",
                        "coroutine.wrap: more than 1000 unfinished coroutines in one actor"),
                lua("flooding its own mailbox with large strings", "if ctx.msg ~= 'attack' then return end "
                        + "local big = ('x'):rep(2^20) for i = 1, 1000 do ctx.do_send(ctx.name, big) end",
                        "would take the actor over its memory limit"),
                                lua("gsub with a big replacement", "local big = ('x'):rep(2^16) "
                        + "return #(('x'):rep(2^10):gsub('.', big))", "string.gsub: result of"),
                lua("gsub with %0 expansions", "local s = ('x'):rep(2^19) return #(s:gsub('.+', '%0%0%0'))",
                        "string.gsub: result of 1572864 bytes exceeds"),
                lua("gsub with a replacement function", "local big = ('x'):rep(2^19) "
                        + "return #(('abc'):gsub('.', function() return big end))", "string.gsub: result of"),
                budget("backtracking pattern in string.find", "return string.find(('a'):rep(800), '.-.-.-b')",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                budget("backtracking pattern in gmatch", "for m in ('a'):rep(800):gmatch('.-.-.-b') do end",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                budget("backtracking pattern in gsub", "return (('a'):rep(800):gsub('.-.-.-b', ''))",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                budget("backtracking pattern inside a coroutine", "return coroutine.wrap(function() "
                        + "return string.find(('a'):rep(800), '.-.-.-b') end)()",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                budget("loop in a coroutine resumed in tail position", "return coroutine.resume("
                        + "coroutine.create(function() while true do end end))",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                lua("table.unpack of a huge range", "return select('#', table.unpack({}, 1, 2^28))",
                        "too many results to unpack"),
                budget("table.unpack of a list whose __len claims many nils",
                        "local t = setmetatable({}, {__len = function() return 999999 end}) "
                        + "for i = 1, 1000 do local n = select('#', table.unpack(t)) end",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                lua("string.byte of a huge slice", "local s = ('x'):rep(2^20) return #{s:byte(1, -1)}",
                        "string slice too long"),
                lua("ctx.log of many references to one string", "local s = ('x'):rep(2^20) local t = {} "
                        + "for i = 1, 2000 do t[i] = s end ctx.log.warn(table.unpack(t))", "log line: result of"),
                lua("load of a chunk ending in \\z", "local f, err = load(\"return 'x\\\\z  \") error(err)",
                        "unfinished string"),
                lua("deep recursion", "local function f(n) return 1 + f(n + 1) end return f(1)", "stack overflow"),
                budget("infinite loop", "while true do end", BudgetExceededException.Budget.INSTRUCTIONS),
                budget("loop inside pcall", "pcall(function() while true do end end) return 'escaped'",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                budget("loop inside a coroutine", "local ok = coroutine.resume(coroutine.create(function() "
                        + "while true do end end)) return 'escaped'", BudgetExceededException.Budget.INSTRUCTIONS),
                budget("recursion that stays shallow", "local function f() return f() end return f()",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                budget("infinite loop in a chunk loaded with its own environment",
                        "load('while true do end', 'x', 't', {})()", BudgetExceededException.Budget.INSTRUCTIONS),
                budget("function defined in a chunk with its own environment",
                        "local f = load('return function() while true do end end', 'x', 't', {})() f()",
                        BudgetExceededException.Budget.INSTRUCTIONS),
                allowed("load honours a custom environment", "return load('return x', 'x', 't', {x = 42})()",
                        LuaMessage.from(42)),
                allowed("huge table within the budget", "local t = {} for i = 1, 200000 do t[i] = i end return #t",
                        LuaMessage.from(200_000)),
                allowed(".. up to the limit", "local s = ('x'):rep(2^19) return #(s .. s)",
                        LuaMessage.from(1 << 20)),
                allowed("table.concat of strings and numbers", "return table.concat({1, 'a', 2.5}, ',')",
                        LuaMessage.from("1,a,2.5")),
                allowed("string.format and os.date as usual",
                        "return string.format('%d|%q|%s', 42, 'a\\n', 7) .. #os.date('%Y-%m-%d')",
                        LuaMessage.from("42|\"a\\\n\"|710")),
                allowed("a reply may share a subtable", "local t = {1, 2} return {t, t}",
                        LuaMessage.from(List.of(List.of(1, 2), List.of(1, 2)))),
                allowed("finished coroutines do not count against the limit", "local n = 0 for i = 1, 3000 do "
                        + "n = n + select(2, coroutine.resume(coroutine.create(function() return 1 end))) end return n",
                        LuaMessage.from(3000)),
                allowed("print goes to the log", "print('hello from', ctx.name) return 'printed'",
                        LuaMessage.from("printed")),
                allowed("safe os functions", "return type(os.time()) .. type(os.clock()) .. type(os.date('%Y'))",
                        LuaMessage.from("numbernumberstring")),
                allowed("globals of its own VM", "io = 'mine' return io", LuaMessage.from("mine")),
                allowed("a metatable on its own _G", "setmetatable(_G, {__index = function(_, k) return k end}) "
                        + "return nosuch .. tostring(getmetatable('').__index.upper == string.upper)",
                        LuaMessage.from("nosuchtrue")),
                allowed("pcall'd ctx.send to a failing actor",
                        "local ok, err = pcall(ctx.send, 'failing', 1) return tostring(ok) .. ':' .. err",
                        LuaMessage.from("false:Lua actor 'failing', failing.handle:1: kaputt")));
    }

    private static Arguments lua(String name, String script, String message) {
        return Arguments.of(name, script, LuaScriptException.class, message, null);
    }

    private static Arguments budget(String name, String script, BudgetExceededException.Budget budget) {
        return Arguments.of(name, script, BudgetExceededException.class, budget.name(), null);
    }

    private static Arguments allowed(String name, String script, LuaMessage expected) {
        return Arguments.of(name, script, null, null, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileScripts")
    void hostileScriptFailsCleanlyAndEveryoneLivesOn(String name, String script, Class<?> errorType, String expected,
            LuaMessage allowedReply) {
        actor("failing", "error('kaputt')");
        LuaActorRef neighbour = actor("neighbour", "return ('abc'):upper() .. string.upper('x') .. #ctx.msg");
        LuaActorRef hostile = LuaActorBuilder.create().name("hostile").instructionLimit(2_000_000)
                .onHandle("if ctx.msg == 'ping' then return 'pong' end\n" + script).start(system);

        CompletableFuture<LuaMessage> reply = hostile.send(LuaMessage.from("attack"));
        if (errorType == null) {
            assertThat(join(reply)).isEqualTo(allowedReply);
        } else {
            Throwable failure = failureOf(reply);
            assertThat(failure).isInstanceOf(errorType).hasMessageContaining("hostile");
            if (failure instanceof BudgetExceededException exceeded) {
                assertThat(exceeded.budget().name()).isEqualTo(expected);
            } else {
                assertThat(failure.getMessage()).contains(expected);
                assertThat(((LuaScriptException) failure).line()).as("line of %s", failure.getMessage())
                        .isPositive();
            }
        }
        assertThat(ask(hostile, "ping")).isEqualTo(LuaMessage.from("pong"));
        assertThat(ask(neighbour, "four")).isEqualTo(LuaMessage.from("ABCX4"));
        assertThat(hostile.isAlive()).isTrue();
    }

    @Test
    void oneActorCannotChangeTheLibrariesOfAnother() {
        LuaActorRef changer = actor("changer", """
                table.insert = function() return 'mine' end
                math.floor = nil
                function math.clamp(x) return x end
                os.time = function() return 0 end
                bit32.band = 'band'
                local names = {}
                for k in pairs(math) do names[k] = true end
                return table.insert() .. tostring(math.floor) .. math.clamp(7) .. os.time() .. bit32.band
                    .. tostring(names.floor) .. tostring(names.clamp) .. tostring(names.sqrt)""");
        LuaActorRef other = actor("other", """
                local t = {}
                table.insert(t, 'x')
                local names = {}
                for k in pairs(math) do names[k] = true end
                return #t .. math.floor(2.5) .. tostring(math.clamp) .. type(os.time()) .. bit32.band(3, 1)
                    .. tostring(names.clamp) .. tostring(names.floor)""");
        assertThat(ask(changer, 1)).isEqualTo(LuaMessage.from("minenil70bandniltruetrue"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("12nilnumber1niltrue"));
        // The changes stay with the changer, turn after turn, and still do not reach the other actor.
        assertThat(ask(changer, 2)).isEqualTo(LuaMessage.from("minenil70bandniltruetrue"));
        assertThat(ask(other, 2)).isEqualTo(LuaMessage.from("12nilnumber1niltrue"));
    }

    @Test
    void whatAnActorStoresInALibraryCountsTowardsItsMemoryLimit() {
        LuaActorRef hoarder = LuaActorBuilder.create().name("hoarder").settings(s -> s.withMemoryLimit(1 << 20))
                .onHandle("table.hoard = table.hoard or {} for i = 1, 200000 do table.hoard[#table.hoard + 1] = i end")
                .start(system);
        assertThat(failureOf(hoarder.send(LuaMessage.from(1)))).isInstanceOf(MemoryLimitExceededException.class);
    }

    @Test
    void oneActorCannotChangeStringMethodsForAnother() {
        LuaActorRef attacker = actor("attacker", """
                local ok1 = pcall(function() string.upper = function() return 'pwned' end end)
                local ok2 = pcall(function() getmetatable('').__index = {upper = function() return 'pwned too' end} end)
                local viaMetatable = ('x'):upper()
                local ok3 = pcall(rawset, getmetatable(''), '__index', string)
                return tostring(ok1) .. tostring(ok2) .. tostring(ok3) .. viaMetatable .. ('x'):upper()""");
        LuaActorRef victim = actor("victim", "return ('x'):upper() .. tostring(getmetatable('').__index == string)");
        // An actor may change string.upper and the string metatable for its own strings, as a Lua program may.
        assertThat(ask(attacker, 1)).isEqualTo(LuaMessage.from("truetruetruepwned toopwned"));
        assertThat(ask(victim, 1)).isEqualTo(LuaMessage.from("Xtrue"));
    }

    @Test
    void oneActorCannotPlantFunctionsInTheMetatablesOfSharedTables() {
        LuaActorRef attacker = actor("attacker", """
                local planted = function() return 'pwned' end
                local results = {}
                for _, lib in ipairs({string, os, table, math, bit32}) do
                  local ok1 = pcall(function() getmetatable(lib).__index = planted end)
                  local ok2 = pcall(function() rawset(getmetatable(lib), '__index', planted) end)
                  local ok3 = pcall(setmetatable, lib, {__index = planted})
                  results[#results + 1] = tostring(ok1 or ok2 or ok3)
                end
                local ok4 = pcall(function() getmetatable('').__index.nosuch = planted end)
                results[#results + 1] = tostring(ok4)
                return table.concat(results, ',')""");
        LuaActorRef victim = actor("victim", """
                return tostring(string.nosuch) .. tostring(os.nosuch) .. tostring(table.nosuch)
                    .. tostring(math.nosuch) .. tostring(bit32.nosuch) .. tostring(('x').nosuch)""");
        // The last is the attacker's own string table (getmetatable('').__index is its `string`), which it may extend.
        assertThat(ask(attacker, 1)).isEqualTo(LuaMessage.from("false,false,false,false,false,true"));
        assertThat(ask(victim, 1)).isEqualTo(LuaMessage.from("nilnilnilnilnilnil"));
        assertThat(ask(actor("inspector", "return getmetatable(string) .. '|' .. getmetatable(os)"), 1))
                .isEqualTo(LuaMessage.from("protected by the Lua actor sandbox|protected by the Lua actor sandbox"));
    }

    @Test
    void maxStringLengthIsConfigurablePerActor() {
        LuaActorRef small = LuaActorBuilder.create().name("small").settings(s -> s.withMaxStringLength(10))
                .onHandle("return ('x'):rep(ctx.msg)").start(system);
        assertThat(ask(small, 10)).isEqualTo(LuaMessage.from("xxxxxxxxxx"));
        assertThat(failureOf(small.send(LuaMessage.from(11)))).hasMessageContaining("limit of 10 bytes");
        assertThat(ask(actor("default", "return #('x'):rep(ctx.msg)"), 1_000_000)).isEqualTo(LuaMessage.from(1_000_000));
    }

    @Test
    void patternFunctionsBehaveAsInLua() {
        LuaActorRef patterns = actor("patterns", """
                local r = {}
                r[#r + 1] = table.concat({string.find('hello world', 'o w')}, ',')
                r[#r + 1] = table.concat({('hello'):find('l+')}, ',')
                r[#r + 1] = tostring(('hello'):find('xyz'))
                r[#r + 1] = table.concat({('key=val'):match('(%w+)=(%w+)')}, ',')
                r[#r + 1] = ('  trim  '):match('^%s*(.-)%s*$')
                local words = {}
                for w in ('one two  three'):gmatch('%a+') do words[#words + 1] = w end
                r[#r + 1] = table.concat(words, '|')
                r[#r + 1] = (('hello world'):gsub('o', '0'))
                r[#r + 1] = select(2, ('hello'):gsub('l', 'L'))
                r[#r + 1] = (('abc'):gsub('%w', '%0%0'))
                r[#r + 1] = (('hello world'):gsub('(%w+)', '<%1>'))
                r[#r + 1] = (('$name is $age'):gsub('%$(%w+)', {name = 'Bob', age = 42}))
                r[#r + 1] = (('abc'):gsub('', '-'))
                r[#r + 1] = (('abc'):gsub('b', function() return nil end))
                r[#r + 1] = (('hello'):gsub('^h', 'H'))
                r[#r + 1] = (('aaa'):gsub('a', 'b', 2))
                r[#r + 1] = table.concat({('a.b'):find('.', 1, true)}, ',')
                r[#r + 1] = tostring(('abc'):find('b', 10))
                r[#r + 1] = table.concat({('abc'):find('b', -2)}, ',')
                r[#r + 1] = table.concat({('x = 1'):find('()=()')}, ',')
                return table.concat(r, ';')""");
        assertThat(ask(patterns, 1)).isEqualTo(LuaMessage.from("5,7;3,4;nil;key,val;trim;one|two|three;"
                + "hell0 w0rld;2;aabbcc;<hello> <world>;Bob is 42;-a-b-c-;abc;Hello;bba;2,2;nil;2,2;3,3,3,4"));
    }

    @Test
    void handlerTimeoutStopsABacktrackingPattern() {
        LuaActorRef matcher = LuaActorBuilder.create().name("matcher").instructionLimit(0)
                .handlerTimeout(Duration.ofMillis(200))
                .onHandle("if ctx.msg == 'ping' then return 'pong' end\n"
                        + "return string.find(('a'):rep(800), '.-.-.-b')").start(system);
        assertThat(failureOf(matcher.send(LuaMessage.from("match"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.TIME);
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(ask(matcher, "ping")).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void aCoroutineKeepsItsActorsMaxStringLength() {
        LuaActorRef small = LuaActorBuilder.create().name("small").settings(s -> s.withMaxStringLength(10))
                .onHandle("return coroutine.wrap(function() return ('x'):rep(ctx.msg) end)()").start(system);
        assertThat(ask(small, 10)).isEqualTo(LuaMessage.from("xxxxxxxxxx"));
        assertThat(failureOf(small.send(LuaMessage.from(11)))).hasMessageContaining("limit of 10 bytes");
    }

    @Test
    void handlerTimeoutStopsAWallClockHog() {
        LuaActorRef hog = LuaActorBuilder.create().name("hog").instructionLimit(0)
                .handlerTimeout(Duration.ofMillis(200))
                .onHandle("if ctx.msg == 'ping' then return 'pong' end while true do end").start(system);
        assertThat(failureOf(hog.send(LuaMessage.from("spin"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.TIME);
                    assertThat(e.chunk()).isEqualTo("hog.handle");
                    assertThat(e.line()).isEqualTo(1);
                });
        assertThat(ask(hog, "ping")).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void handlerTimeoutStopsALoopInAChunkWithItsOwnEnvironment() {
        LuaActorRef hog = LuaActorBuilder.create().name("hog").instructionLimit(0)
                .handlerTimeout(Duration.ofMillis(200))
                .onHandle("if ctx.msg == 'ping' then return 'pong' end\n"
                        + "load('local n = 0 while true do n = n + 1 end', 'envchunk', 't', {})()").start(system);
        assertThat(failureOf(hog.send(LuaMessage.from("spin"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.TIME);
                    assertThat(e.chunk()).isEqualTo("envchunk");
                });
        assertThat(ask(hog, "ping")).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void timeSuspendedInCtxSendDoesNotCountAgainstTheHandlerTimeout() {
        system.addRecipient("slow", msg -> {
            Thread.sleep(400);
            return LuaMessage.from("late but fine");
        });
        LuaActorRef patient = LuaActorBuilder.create().name("patient").handlerTimeout(Duration.ofMillis(200))
                .onHandle("return ctx.send('slow', 1)").start(system);
        assertThat(ask(patient, 1)).isEqualTo(LuaMessage.from("late but fine"));
    }

    @Test
    void busyLoopsOnEveryCoreDoNotStarveOtherActors() {
        List<CompletableFuture<LuaMessage>> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
            LuaActorRef spinner = LuaActorBuilder.create().name("spinner" + i).instructionLimit(0)
                    .handlerTimeout(Duration.ofSeconds(3)).onHandle("while true do end").start(system);
            spinners.add(spinner.send(LuaMessage.NIL));
        }
        LuaActorRef worker = actor("worker", "return ctx.msg + 1");
        for (int i = 0; i < 20; i++) {
            assertThat(ask(worker, i)).isEqualTo(LuaMessage.from(i + 1));
        }
        assertThat(spinners).as("the spinners were still running while the worker answered")
                .allSatisfy(f -> assertThat(f).isNotDone());
    }

    @Test
    void errorsInOnStartedAndOnStoppedAreReportedAndTheActorStillAnswers() {
        LuaActorRef actor = LuaActorBuilder.create().name("hooks")
                .onStarted("error('start failed')")
                .onStopped("error('stop failed')")
                .onHandle("return 'alive'").start(system);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("alive"));
        assertThat(actor.statistics().lastError().message()).contains("hooks.started:1", "start failed");
        join(actor.stop());
        assertThat(actor.statistics().lastError().message()).contains("hooks.stopped:1", "stop failed");
        assertThat(actor.state()).isEqualTo(ActorState.STOPPED);
    }
}
