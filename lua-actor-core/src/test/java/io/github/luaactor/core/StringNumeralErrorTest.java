package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A string that only starts like a numeral ({@code "0x"}) used as a number fails with Lua 5.2's error, not with the
 * ArrayIndexOutOfBoundsException LuaJ's number parser throws for it ({@code vm error: java.lang...}).
 */
class StringNumeralErrorTest extends ActorTestSupport {
    static Stream<Arguments> uses() {
        return Stream.of(
                Arguments.of("return '0x' + 1", "attempt to perform arithmetic on"),
                Arguments.of("return select('0x', 1)", "bad argument #1 to 'select' (number expected, got string)"),
                Arguments.of("error('x', '0x')", "bad argument #2 to 'error' (number expected, got string)"),
                Arguments.of("return tonumber('10', '0x')", "bad argument #2 to 'tonumber' (number expected, got string)"),
                Arguments.of("local x = 1 return x * '0x'", "attempt to perform arithmetic on"),
                Arguments.of("return -'0x'", "attempt to perform arithmetic on"),
                Arguments.of("return math.floor('0x')", "bad argument #1 to 'floor' (number expected, got string)"),
                Arguments.of("return ('abc'):sub('0x')", "bad argument #1 to 'sub' (number expected, got string)"),
                Arguments.of("return table.insert({}, '0x', 1)",
                        "bad argument #2 to 'insert' (number expected, got string)"),
                Arguments.of("return os.time({day = '0x', month = 1, year = 2000})",
                        "field 'day' missing in date table"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uses")
    void aBrokenNumeralRaisesLuasError(String snippet, String expected) {
        String error = ask(actor("numerals", "local ok, e = pcall(function() " + snippet + " end) return tostring(e)"), 1)
                .toString();
        assertThat(error).contains(expected).doesNotContain("java.lang");
    }
}
