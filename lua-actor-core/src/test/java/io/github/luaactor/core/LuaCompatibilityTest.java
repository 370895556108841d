package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

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
                same("error called by pcall itself has no Lua caller",
                        "local ok, e = pcall(error, 'direct') return e", "direct"),
                same("a runtime error gets 'chunk:line: '",
                        "local ok, e = pcall(function() local t = nil return t.x end) return (e:gsub('%(.*', ''))",
                        "compat.handle:1: attempt to index ? "),
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
                same("error in a nested pcall inside a pcall", """
                        local ok, e = pcall(function()
                          local ok2, e2 = pcall(error, {code = 7})
                          error(e2.code, 0)
                        end)
                        return e""", 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorValues")
    void errorValuesAreExactlyWhatWasRaised(String name, String snippet, Object expected) {
        assertThat(run(snippet)).isEqualTo(LuaMessage.from(expected));
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
