package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sandbox's pattern functions through a real actor: Lua's errors instead of Java exceptions, deep recursion
 * as an error {@code pcall} catches, and long matches stopped by the instruction limit and the handler timeout.
 */
class PatternSandboxTest extends ActorTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "string.find('ab', '%f[%w]')|1,0",
        "string.find('ab', '%f[%W]')|3,2",
        "('THE (quick) fox'):gsub('%f[%a]%a+', 'X')|X (X) X,3",
        "string.find('a b', '%g+')|1,1",
        "('x = 1, y = 22'):match('^(%w+) = (%d+)$')|nil",
        "('x = 1, y = 22'):match('(%w+) = (%d+)', 2)|y,22",
    })
    void patternsGiveLuasValues(String call, String expected) {
        LuaActorRef actor = actor("patterns", "local r = table.pack(" + call + ") "
                + "for i = 1, r.n do r[i] = tostring(r[i]) end return table.concat(r, ',', 1, r.n)");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "string.find('abc', 'a[')|malformed pattern (missing ']')",
        "string.find('abc', '[')|malformed pattern (missing ']')",
        "string.match('abc', '%f')|missing '[' after '%f' in pattern",
        "string.match('abc', 'a%')|malformed pattern (ends with '%')",
        "string.match('abc', '(a)%2')|invalid capture index %2",
        "string.gsub('abc', 'b', '%q')|invalid use of '%' in replacement string",
        "string.match(('a'):rep(1e5), ('a?'):rep(1e5))|pattern too complex",
    })
    void malformedPatternsRaiseLuasErrorsWithTheScriptLine(String call, String message) {
        LuaActorRef actor = actor("patterns", "if ctx.msg == 'ping' then return 'pong' end\nreturn " + call);
        Throwable failure = failureOf(actor.send(LuaMessage.from("go")));
        assertThat(failure).isInstanceOfSatisfying(LuaScriptException.class, e -> {
            assertThat(e.luaMessage()).endsWith(message);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("patterns");
        });
        assertThat(ask(actor, "ping")).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void aDeeplyRecursivePatternIsAnErrorPcallCatches() {
        LuaActorRef actor = actor("deep", """
                local ok, err = pcall(string.match, ('a'):rep(1e5), ('a?'):rep(1e5))
                local ok2, err2 = pcall(string.find, ('a'):rep(1e5), ('(a?)'):rep(30) .. ('a?'):rep(1e5))
                return tostring(ok) .. ':' .. err .. '|' .. tostring(ok2) .. ':' .. err2""");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("false:pattern too complex|false:pattern too complex"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "%b() over 300000 open parentheses|return ('('):rep(3e5):find('%b()')",
        "%b() in gmatch|for m in ('('):rep(3e5):gmatch('%b()') do end",
        "%b() in gsub|return (('('):rep(3e5):gsub('%b()', ''))",
        "backtracking .-.-.-b|return string.find(('a'):rep(800), '.-.-.-b')",
        "back-references|return (('a'):rep(2e4)):find('(a*)%1b')",
        "plain find of a long needle|return ('a'):rep(1e6):find(('a'):rep(5e5) .. 'b', 1, true)",
    })
    void longMatchesAreStoppedByTheInstructionLimit(String name, String script) {
        LuaActorRef actor = LuaActorBuilder.create().name("long").instructionLimit(2_000_000)
                .onHandle("if ctx.msg == 'ping' then return 'pong' end\n" + script).start(system);
        assertThat(failureOf(actor.send(LuaMessage.from("go"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.INSTRUCTIONS);
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(ask(actor, "ping")).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void aLongBalanceScanIsStoppedByTheHandlerTimeout() {
        LuaActorRef actor = LuaActorBuilder.create().name("slow").instructionLimit(0)
                .handlerTimeout(Duration.ofMillis(200))
                .onHandle("if ctx.msg == 'ping' then return 'pong' end\n"
                        + "return ('('):rep(3e5):find('%b()')").start(system);
        assertThat(failureOf(actor.send(LuaMessage.from("go"))))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.TIME);
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(ask(actor, "ping")).isEqualTo(LuaMessage.from("pong"));
    }

    @Test
    void gsubStaysUnderTheActorsMaxStringLength() {
        LuaActorRef small = LuaActorBuilder.create().name("small").settings(s -> s.withMaxStringLength(100))
                .onHandle("return (('x'):rep(ctx.msg):gsub('x', '%0%0'))").start(system);
        assertThat(ask(small, 50)).isEqualTo(LuaMessage.from("x".repeat(100)));
        assertThat(failureOf(small.send(LuaMessage.from(51))))
                .hasMessageContaining("string.gsub: result of 101 bytes exceeds the sandbox limit of 100 bytes");
    }
}
