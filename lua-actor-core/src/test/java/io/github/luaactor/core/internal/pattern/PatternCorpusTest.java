package io.github.luaactor.core.internal.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The project's matcher against LuaJ's own {@code StringLib} on a corpus where LuaJ follows Lua 5.2: every
 * subject with every pattern through {@code find}, {@code match} and {@code gmatch}, plus hand-written calls with
 * {@code init}, {@code plain} and every kind of {@code gsub} replacement. {@code gmatch} is compared with Lua 5.2's
 * written over LuaJ's {@code find}. Where LuaJ is wrong ({@code %p}, bytes from 128 up, {@code %g}, {@code %f} at
 * the end, empty {@code gmatch} matches, malformed patterns, error texts), {@link LuaManualTest} checks the values
 * of the Lua 5.2 manual instead.
 */
class PatternCorpusTest {

    private static final List<String> SUBJECTS = List.of("''", "'a'", "'hello world'", "'  trim  '",
            "'key=val, k2=v2'", "'(foo(bar))baz'", "'THE (quick) fox'", "'a.b.c'", "'abc123def'", "'a\\0b\\0'",
            "'x = 1; y = 22'", "'aaa'", "'[[nested]]'", "'f(a,b)'", "'100%'", "'ab\\ncd\\t'",
            "'abab'", "'--x--'", "'^caret$'");

    private static final List<String> PATTERNS = List.of("'a'", "'.'", "'%a+'", "'%d+'", "'%s*'", "'%w+'",
            "'%l+'", "'%u+'", "'%x+'", "'%c'", "'%A+'", "'%S+'", "'%D'", "'[%a_][%w_]*'", "'[^%s]+'",
            "'[a-c]+'", "'[^a-c]'", "'[]]'", "'[^]]+'", "'[a-]'", "'[%]]'", "'[%-]'", "'[--/]'", "'^h'", "'^%s*(.-)%s*$'",
            "'(%w+)=(%w+)'", "'()a()'", "'()'", "'(a)(b)?'", "'(a*(.)%w(%s*))'", "'(.)%1'", "'(a+)b%1'",
            "'%b()'", "'%b[]'", "'%bab'", "'a-b'", "'a*'", "'a-'", "'a?a'", "'.-'", "'.*'", "'x*$'", "'$'", "'^'",
            "'^$'", "'%$'", "'a$b'", "'%^'", "'%.'", "'%%'", "'\\0'", "'%z'", "'[\\0]'", "'[\\128-\\255]+'",
            "'%.%.'", "'(h)(e)(l)(l)(o)'", "'[%d%s]+'", "'[%A]'", "'[a%-z]+'", "'-'", "'x?'", "'(()b)'",
            "'q*q+'", "'[%w_]+%s*=%s*[%w_]+'", "'%(.-%)'", "'(%a)(%a)%2%1'", "'.-%s'", "'^(%S+)'");

    @Test
    void findMatchAndGmatchAgreeWithLuaJOnEverySubjectAndPattern() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String subject : SUBJECTS) {
            for (String pattern : PATTERNS) {
                for (String function : List.of("find", "match", "gmatch")) {
                    compare(function, subject + ", " + pattern, mismatches);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void handWrittenCallsAgreeWithLuaJ() {
        List<String> mismatches = new ArrayList<>();
        for (String call : HAND_WRITTEN) {
            int bar = call.indexOf('|');
            compare(call.substring(0, bar), call.substring(bar + 1), mismatches);
        }
        assertThat(HAND_WRITTEN).hasSizeGreaterThan(100);
        assertThat(mismatches).isEmpty();
    }

    private static void compare(String function, String arguments, List<String> mismatches) {
        String expected = LuaJComparison.luaj(function, arguments);
        String actual = LuaJComparison.ours(function, arguments);
        if (!expected.equals(actual)) {
            mismatches.add(function + "(" + arguments + "): LuaJ " + expected + ", ours " + actual);
        }
    }

    private static final List<String> HAND_WRITTEN = List.of(
            "find|'hello', 'l'", "find|'hello', 'l', 4", "find|'hello', 'l', -1", "find|'hello', 'l', -2",
            "find|'hello', 'l', -100", "find|'hello', 'l', 0", "find|'hello', 'l', 6", "find|'hello', '', 6",
            "find|'hello', ''", "find|'hello', '', 3", "find|'', ''", "find|'', 'a'", "find|'a.b', '.', 1, true",
            "find|'a.b', '.', 2, true", "find|'a+b', '+', 1, true", "find|'a+b', 'a+', 1, true",
            "find|'a(b', '(', 1, true", "find|'a%b', '%', 1, true", "find|'hello', 'lo', 1, 1",
            "find|'hello', 'lo', 1, false", "find|'hello', 'l+', 1, nil", "find|'abcabc', 'abc', 2",
            "find|'aaab', 'aab'", "find|'hello', 'hello world'", "find|123, 2", "find|'x12y', 12",
            "find|'hello', 'l', 2.7", "find|'hello', 'h', '2'", "find|'hello', '^h', 2", "find|'hello', '^e', 2",
            "find|'hello', 'o$', -1", "find|'hello', '()ll()'", "match|'hello', 'l+', 4", "match|'hello', '.', -1",
            "match|'hello', '^(h)(e)'", "match|'  x  ', '^%s*(.-)%s*$'", "match|'2024-01-15', '(%d+)-(%d+)-(%d+)'",
            "match|'key = value', '^(%w+)%s*=%s*(%w+)$'", "match|'[tag]', '^%[(.*)%]$'",
            "match|'hello', '(h)(.)(l*)(o?)'", "match|'x', '(x)(y?)'", "match|'abc', '((a)(b))c'",
            "match|'abba', '(a)(b)%2%1'", "match|'abab', '(ab)%1'", "match|'abcd', '(ab)%1'",
            "match|'THE END', '%u+%s%u+'", "match|'f(a(b)c)d', '%b()'", "match|'f(a(b)c', '%b()'",
            "match|')(', '%b()'", "match|'if x then y end', '%bie'", "match|'\"a\\\"b\"', '%b\"\"'",
            "match|'a,b,,c', '([^,]*),([^,]*),([^,]*)'", "match|'path/to/file.txt', '([^/]+)%.(%w+)$'",
            "match|'  ', '^%s*$'", "match|'aaa', 'a-b'", "match|'aaab', 'a-b'", "match|'aaab', '(a-)(a*)b'",
            "match|'hello', '.-(l+)(.*)'", "match|'abc', '()(b)()'", "gmatch|'one two  three', '%a+'",
            "gmatch|'abc', ''", "gmatch|'abc', 'a*'", "gmatch|'abc', '.-'", "gmatch|'k1=v1, k2=v2', '(%w+)=(%w+)'",
            "gmatch|'^a^a', '^a'", "gmatch|'aaa', '^a'", "gmatch|'a1b22c333', '%d+'", "gmatch|'a,b,,c', '([^,]*)'",
            "gmatch|'hello', '()'", "gmatch|'(a)(b)((c))', '%b()'", "gmatch|'x', 'y'", "gmatch|'', '.'",
            "gmatch|'', ''", "gsub|'hello', 'l', 'L'", "gsub|'hello world', '(%w+)', '<%1>'",
            "gsub|'hello world', '%w+', '%0 %0'", "gsub|'abc', '%w', '%0%0'", "gsub|'abc', '', '-'",
            "gsub|'hello', '^h', 'H'", "gsub|'hello', '^l', 'L'", "gsub|'aaa', 'a', 'b', 2",
            "gsub|'aaa', 'a', 'b', 0", "gsub|'aaa', 'a', 'b', 5", "gsub|'aaa', 'a', 'b', 1.5",
            "gsub|'hello world', '(%w+) (%w+)', '%2 %1'", "gsub|'abc', 'b', '%%'", "gsub|'abc', 'b', '100%%'",
            "gsub|'abc', '(b)', '%1%1'", "gsub|'abc', 'b', '%1'", "gsub|'abc', '()b', '%1'",
            "gsub|'x = 1', '%s*=%s*', '='", "gsub|'abc', '.', 5", "gsub|'abc', 'b', 2.5", "gsub|'', '', 'x'",
            "gsub|'', 'a', 'x'", "gsub|'abc', 'x*', '-'", "gsub|'abc', '.-', '-'", "gsub|'a.b.c', '%.', '/'",
            "gsub|'a b  c', '%s+', ' '", "gsub|'  trim  ', '^%s+', ''", "gsub|'  trim  ', '%s+$', ''",
            "gsub|'f(x) + g(y)', '%b()', '[]'", "gsub|'hello', '', ''", "gsub|123, 2, 9",
            "gsub|'abc', '(a)(b)(c)', '%3%2%1'", "gsub|'a\\0b', '%z', '0'", "gsub|'$name is $age', '%$(%w+)', '[%1]'",
            "gsub|'abc', '%w', '%0', 2", "gsub|'$name is $age', '%$(%w+)', {name = 'Bob', age = 42}",
            "gsub|'$a $b', '%$(%w+)', {a = false}", "gsub|'$a $b', '%$(%w+)', {}",
            "gsub|'abc', '%w', {a = 1, b = true and 'B'}", "gsub|'abc', '()', {[1] = 'one', [3] = 'three'}",
            "gsub|'hello', '.', {h = 'H', o = 0.5}", "gsub|'hello world', '%w+', function(w) return w:upper() end",
            "gsub|'hello', 'l', function() return nil end", "gsub|'hello', 'l', function() return false end",
            "gsub|'hello', '(l)(l)', function(a, b) return b .. '-' .. a end",
            "gsub|'hello', '()l', function(p) return p end", "gsub|'abc', '', function() return '.' end",
            "gsub|'abc', '%w', function(c) return c:byte() end", "gsub|'a b', '%w', function() end",
            "gsub|'x', 'x', setmetatable({}, {__index = function(t, k) return k .. k end})",
            "gsub|'abc', 'b', {b = {}}", "gsub|'abc', 'b', function() return {} end",
            "gsub|'abc', 'b', function() return true end", "find|'abc', '%'", "find|'abc', 'a%'", "find|'abc', '(()'",
            "find|'abc', 'a)'", "find|'abc', ')'", "match|'abc', '(a'", "find|'abc', 'x%'", "find|'abc', 'x['",
            "find|'abc', ('(a)'):rep(33)", "find|('a'):rep(40), ('(a)'):rep(32)", "gsub|'abc', '(', 'x'",
            "find|nil, 'a'", "find|'a', nil", "match|'a', {}", "gmatch|'a'", "find|'abc', 'b', 'x'",
            "gsub|'abc', 'b', 'x', 'y'");
}
