package io.github.luaactor.core.internal.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker against Lua 5.2's messages (as {@code lua5.2} prints them, the chunk name left out) and against valid
 * source from the reference manual's lexical conventions and grammar.
 */
class LuaSyntaxTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                error("x = ", 1, "unexpected symbol near <eof>"),
                error("x = = 1", 1, "unexpected symbol near '='"),
                error("local 1 = 2", 1, "<name> expected near '1'"),
                error("f(", 1, "unexpected symbol near <eof>"),
                error("if x then", 1, "'end' expected near <eof>"),
                error("for i = 1 do end", 1, "',' expected near 'do'"),
                error("for i do end", 1, "'=' or 'in' expected near 'do'"),
                error("x = 'abc", 1, "unfinished string near <eof>"),
                error("x = 'abc\ny = 1", 1, "unfinished string near ''abc'"),
                error("x = [[abc", 1, "unfinished long string near <eof>"),
                error("--[==[ abc\n", 2, "unfinished long comment near <eof>"),
                error("x = [=[abc", 1, "unfinished long string near <eof>"),
                error("x = [=abc", 1, "invalid long string delimiter near '[='"),
                error("return return", 1, "unexpected symbol near 'return'"),
                error("return 1 x = 2", 1, "<eof> expected near 'x'"),
                error("do return end x = 1 end", 1, "<eof> expected near 'end'"),
                error("::a:: ::a::", 1, "label 'a' already defined on line 1"),
                error("::a::\ndo end\n::a::", 3, "label 'a' already defined on line 1"),
                error("break", 1, "<break> at line 1 not inside a loop"),
                error("goto nowhere", 1, "no visible label 'nowhere' for <goto> at line 1"),
                error("goto x; do ::x:: end", 1, "no visible label 'x' for <goto> at line 1"),
                error("goto f; local x; ::f:: print(x)", 1, "<goto f> at line 1 jumps into the scope of local 'x'"),
                error("repeat goto c local x ::c:: until x", 1, "<goto c> at line 1 jumps into the scope of local 'x'"),
                // Checked when the function closes: the parser stands on the token after its 'end'.
                error("local function f()\n  goto out\nend\n::out::", 4,
                        "no visible label 'out' for <goto> at line 2"),
                error("x = 0x", 1, "malformed number near '0x'"),
                error("x = 1e", 1, "malformed number near '1e'"),
                error("x = 1e+", 1, "malformed number near '1e+'"),
                error("x = 3a", 1, "malformed number near '3a'"),
                error("x = 1..2", 1, "malformed number near '1..2'"),
                error("x = 0x1p", 1, "malformed number near '0x1p'"),
                error("a.b:c = 1", 1, "function arguments expected near '='"),
                error("function f(a,) end", 1, "<name> expected near ')'"),
                error("function f(..., a) end", 1, "')' expected near ','"),
                error("function 1() end", 1, "<name> expected near '1'"),
                error("x = {1,2", 1, "'}' expected near <eof>"),
                error("x = {1,2\n", 2, "'}' expected (to close '{' at line 1) near <eof>"),
                error("x = \"\\q\"", 1, "invalid escape sequence near '\\q'"),
                error("x = \"\\xg\"", 1, "hexadecimal digit expected near '\\xg'"),
                error("x = \"\\x4\"", 1, "hexadecimal digit expected near '\\x4\"'"),
                error("x = \"\\256\"", 1, "decimal escape too large near '\\256'"),
                error("local t = {} t.1 = 2", 1, "syntax error near '.1'"),
                error("x = #", 1, "unexpected symbol near <eof>"),
                error("...", 1, "unexpected symbol near '...'"),
                error("local function f() return ... end", 1,
                        "cannot use '...' outside a vararg function near '...'"),
                error("x", 1, "syntax error near <eof>"),
                error("x y", 1, "syntax error near 'y'"),
                error("f() = 1", 1, "syntax error near '='"),
                error("(a) = 1", 1, "syntax error near '='"),
                error("a, f() = 1, 2", 1, "syntax error near '='"),
                error("x = @", 1, "unexpected symbol near '@'"),
                error("x = 1 ~ 2", 1, "unexpected symbol near '~'"),
                error("x = \u0001", 1, "unexpected symbol near char(1)"),
                error("x = \u0000", 1, "unexpected symbol"),
                error("x = 'a' .. ", 1, "unexpected symbol near <eof>"),
                error("if x y", 1, "'then' expected near 'y'"),
                error("while x end", 1, "'do' expected near 'end'"),
                error("repeat x = 1", 1, "'until' expected near <eof>"),
                error("f(1, 2", 1, "')' expected near <eof>"),
                error("t[1 = 2", 1, "']' expected near '='"),
                error("x = {[1] 2}", 1, "'=' expected near '2'"),
                error("x = a.1", 1, "unexpected symbol near '.1'"),
                error("x = 'abc' 'def'", 1, "unexpected symbol near ''def''"),
                error("function f()\n  return 1", 2, "'end' expected (to close 'function' at line 1) near <eof>"),
                error("local x = 1\n\nfunction f()\n  if x then\n    return 1\n  end\n", 7,
                        "'end' expected (to close 'function' at line 3) near <eof>"),
                error("for i = 1, 2 do\n  x = i\n", 3, "'end' expected (to close 'for' at line 1) near <eof>"),
                error("local t = {\n  a = 1,\n  b = 2\n\nreturn t", 5,
                        "'}' expected (to close '{' at line 1) near 'return'"),
                error("print(\n  1,\n  2\n", 4, "')' expected (to close '(' at line 1) near <eof>"),
                error("x = 1\ny = = 2", 2, "unexpected symbol near '='"),
                error("x = [[\n\n\nabc", 4, "unfinished long string near <eof>"),
                error("local a0 = 1\n" + "local a = 1\n".repeat(199) + "local b, c = 1", 201,
                        "too many local variables (limit is 200) in main function near ','"),
                error("local function f(" + "a, ".repeat(200) + "z) end", 1,
                        "too many local variables (limit is 200) in function at line 1 near ')'"),
                error(manyUpvalues(150), 303, "too many upvalues (limit is 255) in function at line 302 near '+'"),
                error("x = " + "(".repeat(300), 1, "too many C levels (limit is 200) in main function near '('"),
                error("local function f()\n x = " + "not ".repeat(300) + "1\nend", 2,
                        "too many C levels (limit is 200) in function at line 1 near 'not'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsTheFirstErrorAsLua52Does(String source, int line, String reason) {
        LuaSyntaxError e = catchThrowableOfType(LuaSyntaxError.class,
                () -> LuaSyntax.check(source.getBytes(StandardCharsets.UTF_8), false));
        assertThat(e).as(source).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.message("[string \"c\"]")).isEqualTo("[string \"c\"]:" + line + ": " + reason);
    }

    static List<String> valid() {
        return List.of(
                "local s = [==[ a ]] ]=] ]==] return s",
                "--[==[ a long comment with ]] and ]=] inside\n]==] return 1",
                "--[[ a ]] --[=[ b ]=] -- line\n return 1",
                "--[ not a long comment\nreturn 1",
                "return 'a\\z\n     b', \"\\x41\\65\\066\\n\\\\\\\"\\'\\a\\b\\f\\r\\t\\v\", '\\\n'",
                "return 0x1p4, 0x.1, 0xA.8P-1, 0X1F, 1e+5, 1E-5, .5, 5., 3.25e2, 0x1e+1",
                "::top:: for i = 1, 3 do if i == 2 then goto continue end local y = i ::continue:: end",
                "while true do local x = 1 goto continue ::continue:: end",
                "do goto f; local x; ::f:: end",
                "for i = 1, 2 do local x = i goto done end ::done::",
                "::a:: do ::a:: end",
                "do ::a:: end ::a:: goto a",
                "local function up() goto back end ::back::".replace("goto back", "return"),
                "function a.b.c:d(...) return a.b['c']:d(...) end",
                "a.b['c']:d(...)",
                ";; local x = 1; ; ;",
                "while true do break end repeat local q = 1 until q",
                "for k, v in pairs(t) do end for i = 1, 10, 2 do end",
                "local t = {a = 1, [2] = 3; 4, f = function() end, x, y.z, 'w';}",
                "return f{1} .. f'x' .. f\"y\" .. f[[z]] .. s:m{2} .. s:m'q' .. (f)()",
                "return -2 ^ -2, not not x, #t, a and b or c, 1 .. 2 .. 3, a < b, a >= b, a ~= b, a == b, a % b",
                "local function f(a, b, ...) local t = {...} return select('#', ...) end",
                "if a then elseif b then else end",
                "return",
                "return;",
                "do return end",
                "local a, b, c = 1 a, b.c, d[1] = 1, 2, 3",
                "x = function(...) return ... end",
                "return ...",
                "goto = 1".replace("goto = 1", "local goto_ = 1"),
                "f(\n1\n)",
                "local x <const> = 1".replace(" <const>", ""),
                "");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsValidSource(String source) {
        assertThatCode(() -> LuaSyntax.check(source.getBytes(StandardCharsets.UTF_8), false)).as(source)
                .doesNotThrowAnyException();
    }

    @Test
    void aScriptFileMaySkipItsFirstLineButLoadMayNot() {
        byte[] source = "#!/usr/bin/lua\nreturn 1".getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> LuaSyntax.check(source, true)).doesNotThrowAnyException();
        LuaSyntaxError e = catchThrowableOfType(LuaSyntaxError.class, () -> LuaSyntax.check(source, false));
        assertThat(e.reason()).isEqualTo("unexpected symbol near '#'");
        LuaSyntaxError later = catchThrowableOfType(LuaSyntaxError.class,
                () -> LuaSyntax.check("#!lua\nx = = 1".getBytes(StandardCharsets.UTF_8), true));
        assertThat(later.line()).as("the skipped line still counts").isEqualTo(2);
    }

    @Test
    void bytesThatAreNotUtf8AreFineInStringsAndComments() {
        byte[] source = {'r', 'e', 't', 'u', 'r', 'n', ' ', '\'', (byte) 0xe9, '\'', ' ', '-', '-', (byte) 0xff};
        assertThatCode(() -> LuaSyntax.check(source, false)).doesNotThrowAnyException();
    }

    /** Every Lua file of the repository (the demo's, the tests', the benchmarks') but the deliberately broken ones. */
    @Test
    void theRepositorysScriptsPass() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(root)) {
            scripts = files.filter(p -> p.toString().endsWith(".lua") && !p.toString().contains("/target/")
                    && !p.toString().contains("/broken/") && !p.toString().contains("/partial/b.lua")).toList();
        }
        assertThat(scripts).hasSizeGreaterThan(20);
        for (Path script : scripts) {
            byte[] source = Files.readAllBytes(script);
            assertThatCode(() -> LuaSyntax.check(source, true)).as(script.toString()).doesNotThrowAnyException();
        }
    }

    /** {@code n} locals in the chunk and {@code n} in a function, both used by a function inside that one. */
    private static String manyUpvalues(int n) {
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < n; i++) {
            source.append("local a").append(i).append(" = ").append(i).append('\n');
        }
        source.append("local function mid()\n");
        for (int i = 0; i < n; i++) {
            source.append("local b").append(i).append(" = ").append(i).append('\n');
        }
        source.append("return function()\nreturn 0");
        for (int i = 0; i < n; i++) {
            source.append(" + a").append(i).append(" + b").append(i);
        }
        return source.append(" end end return mid()()").toString();
    }

    private static Arguments error(String source, int line, String reason) {
        return Arguments.of(source, line, reason);
    }
}
