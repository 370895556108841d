package io.github.luaactor.core.internal.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Calls where LuaJ 3.0.1's {@code StringLib} departs from Lua 5.2 (§6.4.1 and the reference implementation), with
 * the values Lua 5.2 gives. LuaJ's answer is noted for each group.
 */
class LuaManualTest {

    /**
     * LuaJ: {@code %p} leaves out some punctuation ({@code [}, {@code ^}), bytes from 128 up belong to letter
     * classes, and {@code %g} is a literal {@code g}. Lua 5.2 uses C's ctype in the C locale.
     */
    @ParameterizedTest(name = "%{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a|ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "d|0123456789",
        "l|abcdefghijklmnopqrstuvwxyz",
        "u|ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "w|0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "x|0123456789ABCDEFabcdef",
        "p|\"!\"\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\"",
    })
    void characterClassesAreTheCLocalesAsciiClasses(String letter, String members) {
        assertThat(keep("%" + letter)).isEqualTo(members);
        assertThat(keep("[%" + letter + "]")).isEqualTo(members);
        assertThat(keep("%" + letter.toUpperCase()).length()).isEqualTo(256 - members.length());
    }

    @Test
    void spaceControlAndGraphicClasses() {
        assertThat(keep("%s")).isEqualTo("\t\n\u000b\f\r ");
        assertThat(keep("%c").chars()).containsExactlyElementsOf(
                IntStream.concat(IntStream.range(0, 32), IntStream.of(127)).boxed().toList());
        StringBuilder graphic = new StringBuilder();
        for (char c = 33; c <= 126; c++) {
            graphic.append(c);
        }
        assertThat(keep("%g")).isEqualTo(graphic.toString());
        assertThat(keep("%G")).hasSize(256 - 94);
        assertThat(LuaJComparison.ours("find", "'a g', '%g+'")).isEqualTo("1:number 1:number");
        assertThat(LuaJComparison.ours("match", "'\\200\\255a', '%a+'")).isEqualTo("'a':string");
        assertThat(LuaJComparison.ours("find", "'\\200\\255a', '%A+'")).isEqualTo("1:number 2:number");
    }

    /** LuaJ's gmatch repeats an empty match forever and skips the empty match at the end. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "'abc', ''|['':string] ['':string] ['':string] ['':string]",
        "'abc', 'a*'|['a':string] ['':string] ['':string] ['':string]",
        "'', ''|['':string]",
        "'', '%s*'|['':string]",
        "'hello', '()'|[1:number] [2:number] [3:number] [4:number] [5:number] [6:number]",
        "'a,b,,c', '([^,]*)'|['a':string] ['':string] ['b':string] ['':string] ['':string] ['c':string] ['':string]",
        "'^a^a', '^a'|['^a':string] ['^a':string]",
    })
    void gmatchMovesOnAfterAnEmptyMatchAndTriesTheEnd(String arguments, String rounds) {
        assertThat(LuaJComparison.ours("gmatch", arguments)).isEqualTo(rounds);
    }

    /** LuaJ: ArrayIndexOutOfBoundsException at the end of the subject; Lua 5.2 sees a zero byte there. */
    @ParameterizedTest(name = "{0}({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "find|'ab', '%f[%w]'|1:number 0:number",
        "find|'ab', '%f[%W]'|3:number 2:number",
        "find|'hello', '%f[%z]'|6:number 5:number",
        "find|'a', '%f[a]', 2|nil:nil",
        "gsub|'THE (quick) fox', '%f[%a]%a+', 'X'|'X (X) X':string 3:number",
        "gsub|'THE fox', '%f[%a]%a', '*'|'*HE *ox':string 2:number",
        "find|'hello', '', 7|nil:nil",
        "match|'hello', '', 6|'':string",
        "match|'hello', '', 7|nil:nil",
        "find|'a', 'a%b()'|nil:nil",
        "find|'aaa', '()%1'|nil:nil",
    })
    void framesAtTheEndOfTheSubject(String function, String arguments, String expected) {
        assertThat(LuaJComparison.ours(function, arguments)).isEqualTo(expected);
    }

    /** LuaJ: ArrayIndexOutOfBoundsException, or messages of its own. */
    @ParameterizedTest(name = "{0}({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "find|'abc', '[a'|malformed pattern (missing ']')",
        "find|'abc', '[^'|malformed pattern (missing ']')",
        "find|'abc', '[]'|malformed pattern (missing ']')",
        "find|'abc', '[^]'|malformed pattern (missing ']')",
        "find|'abc', '[%]'|malformed pattern (missing ']')",
        "find|'a', 'a['|malformed pattern (missing ']')",
        "find|'abc', '%'|malformed pattern (ends with '%')",
        "match|'abc', '%b'|malformed pattern (missing arguments to '%b')",
        "match|'abc', '%ba'|malformed pattern (missing arguments to '%b')",
        "match|'abc', '%f'|missing '[' after '%f' in pattern",
        "match|'abc', '%fa'|missing '[' after '%f' in pattern",
        "match|'abc', '%f[a'|malformed pattern (missing ']')",
        "find|'abc', '%1'|invalid capture index %1",
        "find|'abc', '(a)%2'|invalid capture index %2",
        "find|'abc', '(a%1)'|invalid capture index %1",
        "find|'abc', '%0'|invalid capture index %0",
        "match|'abc', 'a)'|invalid pattern capture",
        "find|'abc', '(a'|unfinished capture",
        "find|('a'):rep(40), ('(a)'):rep(33)|too many captures",
        "gsub|'abc', 'b', '%2'|invalid capture index",
        "gsub|'abc', '(b)', '%x'|invalid use of '%' in replacement string",
        "gsub|'abc', 'b', 'x%'|invalid use of '%' in replacement string",
        "gsub|'abc', 'b', true|bad argument #3 to 'gsub' (string/function/table expected)",
        "gsub|'abc', 'b', {b = {}}|invalid replacement value (a table)",
        "match|('a'):rep(300), ('a?'):rep(300)|pattern too complex",
    })
    void errorsAreLuas(String function, String arguments, String message) {
        assertThat(LuaJComparison.ours(function, arguments)).isEqualTo("error: " + message);
    }

    @Test
    void aMalformedPartIsReportedOnlyWhenMatchingReachesIt() {
        assertThat(LuaJComparison.ours("find", "'abc', 'x['")).isEqualTo("nil:nil");
        assertThat(LuaJComparison.ours("gsub", "'abc', 'z', '%x'")).isEqualTo("'abc':string 0:number");
        assertThat(LuaJComparison.ours("find", "'abc', 'b%'")).isEqualTo("error: malformed pattern (ends with '%')");
    }

    @Test
    void aPatternThatRecursesDeeplyIsALuaErrorNotAStackOverflow() {
        String deep = ("a?").repeat(100_000);
        LuaValue match = LuaJComparison.OURS.get("match");
        assertThatThrownBy(() -> match.call(LuaValue.valueOf("a".repeat(100_000)), LuaValue.valueOf(deep)))
                .isInstanceOf(LuaError.class).hasMessage("pattern too complex");
        // 200 nested attempts are allowed, as in C Lua.
        assertThat(LuaJComparison.ours("match", "('a'):rep(150), ('a?'):rep(150)")).hasSize(150 + 9);
    }

    @Test
    void everyAttemptAndEveryScannedBlockIsCharged() {
        AtomicLong steps = new AtomicLong();
        LuaTable string = new LuaTable();
        PatternLibrary.install(string, MatchBudget.of(steps::incrementAndGet, (function, length) -> { }));
        string.get("find").call(LuaValue.valueOf("a".repeat(100)), LuaValue.valueOf(".-.-b"));
        assertThat(steps.get()).isGreaterThan(100L * 100 / 2);

        steps.set(0);
        LuaString open = LuaValue.valueOf("(".repeat(2_000));
        string.get("find").call(open, LuaValue.valueOf("%b()"));
        // Each of the 2000 starts scans the rest: about 2000^2 / 2 bytes, one step per 64.
        assertThat(steps.get()).isGreaterThan(2_000L * 2_000 / 2 / StepMeter.BYTES_PER_STEP);

        steps.set(0);
        string.get("find").invoke(LuaValue.varargsOf(new LuaValue[] {LuaValue.valueOf("a".repeat(64_000)),
            LuaValue.valueOf("b"), LuaValue.ONE, LuaValue.TRUE}));
        assertThat(steps.get()).isBetween(999L, 1_001L);
    }

    @Test
    void gsubRefusesAResultOverTheLimitBeforeBuildingIt() {
        Map<String, Long> refused = new HashMap<>();
        LuaTable string = new LuaTable();
        PatternLibrary.install(string, MatchBudget.of(() -> { }, (function, length) -> {
            if (length > 1000) {
                refused.put(function, length);
                throw new LuaError("too long");
            }
        }));
        LuaValue gsub = string.get("gsub");
        assertThat(gsub.invoke(LuaValue.varargsOf(LuaValue.valueOf("x".repeat(500)), LuaValue.valueOf("x"),
                LuaValue.valueOf("yy"))).arg1().length()).isEqualTo(1000);
        assertThatThrownBy(() -> gsub.invoke(LuaValue.varargsOf(LuaValue.valueOf("x".repeat(400)),
                LuaValue.valueOf(".+"), LuaValue.valueOf("%0%0%0")))).hasMessage("too long");
        assertThat(refused).containsEntry("string.gsub", 1200L);
    }

    /** The bytes 0–255 that the one-byte {@code pattern} accepts, in order. */
    private static String keep(String pattern) {
        LuaValue match = LuaJComparison.OURS.get("match");
        LuaValue anchored = LuaValue.valueOf("^" + pattern + "$");
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            if (!match.call(LuaValue.valueOf(new byte[] {(byte) c}), anchored).isnil()) {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
