package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runtime errors are worded as the Lua 5.2 reference manual and {@code lua5.2} word them, with the failing
 * variable's name ({@code attempt to index local 't' (a nil value)}) where LuaJ says
 * {@code attempt to index ? (a nil value)}: uncaught (the sender's exception), as the value {@code pcall} returns,
 * and inside a coroutine. Handlers here run compiled; {@link InterpretedLuaErrorNamesTest} runs them interpreted.
 */
class LuaErrorNamesTest extends ActorTestSupport {

    static Stream<Arguments> errors() {
        return Stream.of(
                error("index a local", "local t = nil\nlocal v = t.x", 2,
                        "attempt to index local 't' (a nil value)"),
                error("index a global", "local v = nosuch.y", 1, "attempt to index global 'nosuch' (a nil value)"),
                error("index a field", "local t = {}\nlocal v = t.y.z", 2, "attempt to index field 'y' (a nil value)"),
                error("index a field whose key is not a constant string", "local t = {}\nlocal v = t[1].z", 2,
                        "attempt to index field '?' (a nil value)"),
                error("store into a nil local", "local t\nt.x = 1", 2, "attempt to index local 't' (a nil value)"),
                error("index a number upvalue", "local u = 1\nlocal function g() return u.x + 1 end\ng()", 2,
                        "attempt to index upvalue 'u' (a number value)"),
                error("call an upvalue", "local f\nlocal function g() f() end\ng()", 2,
                        "attempt to call upvalue 'f' (a nil value)"),
                error("call a method", "local o = {}\no:m()", 2, "attempt to call method 'm' (a nil value)"),
                error("call a nil field", "local t = {}\nt.f()", 2, "attempt to call field 'f' (a nil value)"),
                error("call a nil global", "local x = 1\nnosuch(x)", 2, "attempt to call global 'nosuch' (a nil value)"),
                error("call a local", "local n = 5\nn()", 2, "attempt to call local 'n' (a number value)"),
                error("arithmetic on a local table", "local s = {}\nlocal v = s + 1", 2,
                        "attempt to perform arithmetic on local 's' (a table value)"),
                error("arithmetic on the right operand", "local n, s = 1, {}\nlocal v = n * s", 2,
                        "attempt to perform arithmetic on local 's' (a table value)"),
                // a string Lua does not read as a number is named as any other operand
                error("arithmetic on a local string", "local s = 'x'\nlocal v = s + 1", 2,
                        "attempt to perform arithmetic on local 's' (a string value)"),
                error("arithmetic on a string field", "local t = {s = '0x'}\nlocal v = 2 ^ t.s", 2,
                        "attempt to perform arithmetic on field 's' (a string value)"),
                error("arithmetic on a string global", "g = 'x'\nlocal v = g * 2", 2,
                        "attempt to perform arithmetic on global 'g' (a string value)"),
                error("arithmetic on a string upvalue", "local u = 'x'\nlocal v = (function() return u - 1 end)()", 2,
                        "attempt to perform arithmetic on upvalue 'u' (a string value)"),
                error("arithmetic after a numeric string", "local a, b = '1', 'z'\nlocal v = a + b", 2,
                        "attempt to perform arithmetic on local 'b' (a string value)"),
                error("negating a local string", "local s = 'x'\nlocal v = -s", 2,
                        "attempt to perform arithmetic on local 's' (a string value)"),
                error("arithmetic on a string constant", "local v = 'x' + 1", 1,
                        "attempt to perform arithmetic on a string value"),
                error("negating a field", "local t = {}\nlocal v = -t.x", 2,
                        "attempt to perform arithmetic on field 'x' (a nil value)"),
                error("concatenating a nil global", "local v = nosuch .. 'x'", 1,
                        "attempt to concatenate global 'nosuch' (a nil value)"),
                error("concatenating a local table", "local t = {}\nlocal v = 'a' .. t .. 'b'", 2,
                        "attempt to concatenate local 't' (a table value)"),
                error("length of a nil local", "local t\nlocal n = #t", 2,
                        "attempt to get length of local 't' (a nil value)"),
                error("a call's result has no name", "local function f() return nil end\nlocal v = f().x", 2,
                        "attempt to index a nil value"),
                error("comparing a number with nil", "local n\nlocal b = 1 < n", 2,
                        "attempt to compare number with nil"),
                error("comparing two tables", "local a, b = {}, {}\nlocal c = a < b", 2,
                        "attempt to compare two table values"),
                error("two candidates on one line give no name", "local a, b = {}, {}\nlocal v = a.x.y + b.z.w", 2,
                        "attempt to index a nil value", "attempt to index field 'x' (a nil value)"),
                error("a parameter or its field", "local function f(a)\nreturn 1 + a.x.y\nend\nf({})", 2,
                        "attempt to index a nil value", "attempt to index field 'x' (a nil value)"),
                error("a metamethod that is not a function names no operand",
                        "local t = setmetatable({}, {__add = 5})\nlocal v = tostring(t + 1)", 2,
                        "attempt to call a number value"),
                error("an error inside a library function names none of the caller's operands",
                        "local t = setmetatable({}, {__tostring = 5})\nlocal s = tostring(t)", 2,
                        "attempt to call a number value"),
                error("an __index that is not a table names no operand",
                        "local t = setmetatable({}, {__index = 5})\nlocal v = t.x", 2,
                        "attempt to index a number value"),
                error("a comparison LuaJ words with one type names both", "local s, t = 'a', {}\nlocal b = s < t", 2,
                        "attempt to compare string with table"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void uncaughtErrorsNameTheVariable(String name, String snippet, int line, String compiled, String interpreted) {
        String expected = expected(compiled, interpreted);
        LuaActorRef actor = actor("names", snippet);
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.luaMessage()).isEqualTo(expected);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).isEqualTo("Lua actor 'names', names.handle:" + line + ": " + expected);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void pcallReturnsTheNamedMessage(String name, String snippet, int line, String compiled, String interpreted) {
        // The wrapper is on the snippet's first line: the lines stay those of the snippet.
        LuaActorRef actor = actor("names", "local ok, e = pcall(function() " + snippet + "\nend)\nreturn e");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("names.handle:" + line + ": "
                + expected(compiled, interpreted)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void aCoroutineGetsTheNamedMessage(String name, String snippet, int line, String compiled, String interpreted) {
        LuaActorRef actor = actor("names",
                "local ok, e = coroutine.resume(coroutine.create(function() " + snippet + "\nend))\nreturn e");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("names.handle:" + line + ": "
                + expected(compiled, interpreted)));
    }

    @Test
    void aFailedCallInTailPositionNamesTheValue() {
        // A value that is not a Lua function is called in place, with the calling function's frame still there.
        LuaActorRef actor = actor("tail", "local f\nreturn f()");
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.luaMessage()).isEqualTo("attempt to call local 'f' (a nil value)");
                    assertThat(e.line()).isEqualTo(2);
                });
    }

    @Test
    void theFailureLogCarriesTheNamedMessage() {
        try (LogCapture log = new LogCapture("io.github.luaactor.core.internal.actor.ActorCell", Level.WARN)) {
            LuaActorRef actor = actor("logged", "local t = ctx.msg.nested\nlocal v = t.x");
            actor.doSend(LuaMessage.from(java.util.Map.of("other", 1)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.events().isEmpty());
            assertThat(log.events().getFirst().getFormattedMessage())
                    .contains("logged.handle:2: attempt to index local 't' (a nil value)");
        }
    }

    /** The message expected in this mode: compiled code knows only the line, the interpreter the registers. */
    protected String expected(String compiled, String interpreted) {
        return compiled;
    }

    private static Arguments error(String name, String snippet, int line, String message) {
        return Arguments.of(name, snippet, line, message, message);
    }

    private static Arguments error(String name, String snippet, int line, String compiled, String interpreted) {
        return Arguments.of(name, snippet, line, compiled, interpreted);
    }
}
