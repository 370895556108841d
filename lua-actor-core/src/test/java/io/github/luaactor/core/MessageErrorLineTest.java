package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value that cannot be sent (here a table key of 1.5) is refused naming the line of the send, or of the
 * {@code return} for a reply, in compiled handlers as in interpreted ones ({@link InterpretedMessageErrorLineTest}).
 */
class MessageErrorLineTest extends ActorTestSupport {
    private static final String REFUSAL = "cannot send a table with a key of type 'number' "
            + "(only string and integer keys can be sent)";

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("ctx.send", "local a = 1\nlocal t = {[1.5] = 2}\n\nreturn ctx.send('b', t)", 4),
                Arguments.of("ctx.send of a literal over lines",
                        "local a = 1\nreturn ctx.send('b', {\n x = 1,\n [1.5] = 2\n})", 2),
                Arguments.of("a key set by assignment", "local t = {}\nt[1.5] = 2\nctx.send('b',\n t)", 3),
                Arguments.of("in a loop", "local a = 1\nfor i = 1, 2 do\n local t = {[1.5] = 2}\n ctx.send('b', t)\nend",
                        4),
                Arguments.of("in a nested function",
                        "local function f(t)\n  local r = ctx.send('b', t)\n  return r\nend\nlocal x = f({[1.5] = 2})\n"
                        + "return x", 2),
                Arguments.of("a tail call in a nested function that was itself tail-called",
                        "local function f(t)\n  return ctx.send('b', t)\nend\nlocal x = 1\nreturn f({[1.5] = 2})", 2),
                Arguments.of("a tail call after an earlier one returned",
                        "local function id(v)\n  return tostring(v)\nend\nlocal s = id(1)\n"
                        + "local y = ctx.send('b', {[1.5] = s})\nreturn y", 5),
                Arguments.of("ctx.do_send", "local a = 1\nctx.do_send('b', {[1.5] = 2})\nreturn 1", 2),
                Arguments.of("ctx.notify", "local a = 1\nctx.notify({[1.5] = 2})\nreturn 1", 2),
                Arguments.of("ctx.notify_later", "local a = 1\nctx.notify_later({[1.5] = 2}, 1)\nreturn 1", 2),
                Arguments.of("a reply", "local t = {}\nt[1.5] = 2\nlocal x = 3\nreturn t", 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aKeyOfOnePointFiveIsRefusedAtItsLine(String name, String handle, int line) {
        actor("b", "return 1");
        LuaActorRef actor = actor("a", handle);
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("a.handle");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.luaMessage()).isEqualTo(REFUSAL);
                });
    }

    /**
     * An uncaught error in a chunk loaded from a string (named {@code [string "..."]} as Lua names it) reaches Java
     * with that chunk and line and Lua 5.2's message, not LuaJ's text behind a second position.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("loadedChunkErrors")
    void anUncaughtErrorInALoadedChunkKeepsItsPosition(String name, String handle, String message) {
        LuaActorRef actor = actor("a", handle);
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("local x = 5...");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.luaMessage()).isEqualTo(message);
                });
    }

    static Stream<Arguments> loadedChunkErrors() {
        return Stream.of(
                Arguments.of("arithmetic", "return load('local x = 5\\nreturn x + nil')()",
                        "attempt to perform arithmetic on a nil value"),
                Arguments.of("a library argument", "return load('local x = 5\\nreturn math.floor({})')()",
                        "bad argument #1 to 'floor' (number expected, got table)"),
                Arguments.of("a call of nil", "return load('local x = 5\\nreturn undefined()')()",
                        "attempt to call global 'undefined' (a nil value)"),
                Arguments.of("error()", "return load('local x = 5\\nerror(\"boom\")')()", "boom"));
    }

    /**
     * Lua 5.2 names the tail call's line (C Lua calls a C function in place, keeping {@code f}'s frame); so do
     * compiled handlers and the runtime's interpreter, which calls a Java function in tail position in place too.
     */
    @Test
    void aTailCallToAJavaFunctionInAFunctionCalledNormally() {
        actor("b", "return 1");
        LuaActorRef actor = actor("a",
                "local function f(t)\n  return ctx.send('b', t)\nend\nlocal x = f({[1.5] = 2})\nreturn x");
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void pcallCatchesTheRefusalAndTheKeyStillWorksInside() {
        actor("b", "return 1");
        LuaActorRef actor = actor("a", """
                local t = {[1.5] = 'x'}
                local ok, e = pcall(ctx.send, 'b', t)
                return tostring(ok) .. '|' .. e .. '|' .. t[1.5]""");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("false|" + REFUSAL + "|x"));
    }
}
