package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syntax errors as Lua 5.2 reports them, wherever source is compiled: {@code load} returns {@code nil, message}
 * with 5.2's text (LuaJ's parser printed token codes such as {@code unexpected symbol 286}, accepted {@code 0x} and
 * {@code "\q"} and threw a NumberFormatException for {@code 1e}); a script, a reload and
 * {@link LuaScript#checkSyntax} raise a {@link LuaScriptException} naming the actor, the chunk and the line.
 * Syntax does not depend on how handlers run; {@link InterpretedLuaSyntaxErrorTest} runs this again interpreted.
 */
class LuaSyntaxErrorTest extends ActorTestSupport {

    static Stream<Arguments> loadErrors() {
        return Stream.of(
                row("x = ", "[string \"x = \"]:1: unexpected symbol near <eof>"),
                row("x = = 1", "[string \"x = = 1\"]:1: unexpected symbol near '='"),
                row("local 1 = 2", "[string \"local 1 = 2\"]:1: <name> expected near '1'"),
                row("f(", "[string \"f(\"]:1: unexpected symbol near <eof>"),
                row("if x then", "[string \"if x then\"]:1: 'end' expected near <eof>"),
                row("for i = 1 do end", "[string \"for i = 1 do end\"]:1: ',' expected near 'do'"),
                row("x = 'abc", "[string \"x = 'abc\"]:1: unfinished string near <eof>"),
                row("x = [[abc", "[string \"x = [[abc\"]:1: unfinished long string near <eof>"),
                row("return return", "[string \"return return\"]:1: unexpected symbol near 'return'"),
                row("::a:: ::a::", "[string \"::a:: ::a::\"]:1: label 'a' already defined on line 1"),
                row("break", "[string \"break\"]:1: <break> at line 1 not inside a loop"),
                row("goto x; do ::x:: end", "[string \"goto x; do ::x:: end\"]:1: no visible label 'x' for <goto> at line 1"),
                row("goto f; local y; ::f:: print(y)",
                        "[string \"goto f; local y; ::f:: print(y)\"]:1: <goto f> at line 1 jumps into the scope of local 'y'"),
                row("x = 0x", "[string \"x = 0x\"]:1: malformed number near '0x'"),
                row("x = 1e", "[string \"x = 1e\"]:1: malformed number near '1e'"),
                row("a.b:c = 1", "[string \"a.b:c = 1\"]:1: function arguments expected near '='"),
                row("function f(a,) end", "[string \"function f(a,) end\"]:1: <name> expected near ')'"),
                row("x = {1,2", "[string \"x = {1,2\"]:1: '}' expected near <eof>"),
                row("x = \"\\q\"", "[string \"x = \"\\q\"\"]:1: invalid escape sequence near '\\q'"),
                row("local t = {} t.1 = 2", "[string \"local t = {} t.1 = 2\"]:1: syntax error near '.1'"),
                row("x = #", "[string \"x = #\"]:1: unexpected symbol near <eof>"),
                row("...", "[string \"...\"]:1: unexpected symbol near '...'"),
                row("return function() return ... end",
                        "[string \"return function() return ... end\"]:1: cannot use '...' outside a vararg function near '...'"),
                row("local x = 1\n\nfunction f()\n  if x then\n    return 1\n  end\n",
                        "[string \"local x = 1...\"]:7: 'end' expected (to close 'function' at line 3) near <eof>"),
                row("#!/bin/lua\nreturn 1", "[string \"#!/bin/lua...\"]:1: unexpected symbol near '#'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadErrors")
    void loadReturnsNilAndLua52sMessage(String source, String message) {
        LuaActorRef actor = actor("loader", "local f, e = load(ctx.msg) return tostring(f) .. '|' .. e");
        assertThat(ask(actor, source)).isEqualTo(LuaMessage.from("nil|" + message));
    }

    @Test
    void aNamedChunkKeepsItsName() {
        LuaActorRef actor = actor("loader", "return select(2, load('x = = 1', '=mine'))");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("mine:1: unexpected symbol near '='"));
    }

    @Test
    void aChunkFromAReaderIsCheckedToo() {
        LuaActorRef actor = actor("loader", "local done "
                + "return select(2, load(function() if done then return nil end done = true return 'x = 0x' end))");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("(load):1: malformed number near '0x'"));
    }

    @Test
    void tooManyLocalsIsLua52sLimitNotAJavaException() {
        LuaActorRef actor = actor("loader", "return select(2, load(('local a = 1 '):rep(201)))");
        assertThat(ask(actor, 1).toJava().toString()).endsWith(
                ":1: too many local variables (limit is 200) in main function near '='");
    }

    @Test
    void aScriptWithASyntaxErrorNamesActorChunkAndLine() {
        Throwable thrown = catchThrowable(() -> LuaActorBuilder.create().name("broken")
                .onHandle(LuaScript.of("broken.lua", "local x = 1\nreturn x = = 2")).start(system));
        assertThat(thrown).isInstanceOfSatisfying(LuaScriptException.class, e -> {
            assertThat(e.actor()).isEqualTo("broken");
            assertThat(e.chunk()).isEqualTo("broken.lua");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.luaMessage()).isEqualTo("<eof> expected near '='");
            assertThat(e.getMessage()).contains("broken").contains("broken.lua").contains("<eof> expected near '='");
        });
    }

    @Test
    void sourceLuaJAcceptsButLua52RefusesDoesNotStart() {
        for (String source : new String[] {"return 0x", "return \"\\q\"", "return 1e"}) {
            Throwable thrown = catchThrowable(() -> LuaActorBuilder.create().name("strict")
                    .onHandle(LuaScript.of("strict.lua", source)).start(system));
            assertThat(thrown).as(source).isInstanceOf(LuaScriptException.class);
            assertThat(((LuaScriptException) thrown).line()).isEqualTo(1);
        }
    }

    @Test
    void aReloadWithASyntaxErrorKeepsTheOldScript() {
        LuaActorRef actor = actor("stable", "return 'old'");
        Throwable thrown = catchThrowable(() -> join(actor.reload("function f()\n  return 1\n")));
        assertThat(thrown).hasStackTraceContaining("'end' expected (to close 'function' at line 1) near <eof>");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("old"));
    }

    @Test
    void checkSyntaxGivesLua52sMessageAndLine() {
        Throwable thrown = catchThrowable(() -> LuaScript.of("t.lua", "local t = {\n  a = 1\n\nreturn t")
                .checkSyntax("tool"));
        assertThat(thrown).isInstanceOfSatisfying(LuaScriptException.class, e -> {
            assertThat(e.chunk()).isEqualTo("t.lua");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.luaMessage()).isEqualTo("'}' expected (to close '{' at line 1) near 'return'");
        });
    }

    @Test
    void aScriptFileMayStartWithAShebangLine() {
        LuaActorRef actor = LuaActorBuilder.create().name("shebang")
                .onHandle(LuaScript.of("tool.lua", "#!/usr/bin/env lua\nreturn 'ran'")).start(system);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("ran"));
    }

    @Test
    void validEdgeCasesStillCompileAndRun() {
        LuaActorRef actor = actor("edges", """
                local long = [==[a]]b]=]c]==] --[==[ a comment ]] with ]=] ]==]
                local z = 'x\\z
                           y'
                local esc = '\\x41\\65\\066\\t'
                local n = 0x1p4 + 0x.1 + 0xA.8P-1 + 1e1 + .5 + 5.
                local a = {b = {c = {}}} ;;
                function a.b.c:d(...) return select('#', ...) end
                local count = a.b["c"]:d(1, 2, 3);
                local sum = 0
                for i = 1, 5 do
                  if i % 2 == 0 then goto continue end
                  sum = sum + i
                  ::continue::
                end
                return table.concat({long, z, esc, n, count, sum}, '|')""");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("a]]b]=]c|xy|AAB\t|36.8125|3|9"));
    }

    private static Arguments row(String source, String message) {
        return Arguments.of(source, message);
    }
}
