package io.github.luaactor.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** The json module's text, limits and messages, called as Lua calls it. */
class JsonTest {
    private static final int LIMIT = 1024;
    private final LuaTable json = new LuaTable();

    JsonTest() {
        JsonModule.install(json, () -> LIMIT);
    }

    private String encode(LuaValue value) {
        return json.get("encode").call(value).tojstring();
    }

    /** The text as UTF-8: LuaJ's own String conversion writes characters outside the BMP as two surrogates. */
    private LuaValue decode(String text) {
        return json.get("decode").call(LuaString.valueUsing(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String utf8(LuaValue value) {
        LuaString s = (LuaString) value;
        return new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.UTF_8);
    }

    private static LuaValue lua(String expression) {
        return JsePlatform.standardGlobals().load("return " + expression).call();
    }

    private static LuaString bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return LuaString.valueUsing(b);
    }

    @Test
    void encodesAsTheModuleAlwaysHas() {
        assertThat(encode(lua("{1, 2.5, 'x\"y', true}"))).isEqualTo("[1,2.5,\"x\\\"y\",true]");
        assertThat(encode(lua("{[1] = 'a', [3] = 'c'}"))).isEqualTo("{\"1\":\"a\",\"3\":\"c\"}");
        assertThat(encode(lua("{}"))).isEqualTo("{}");
        assertThat(encode(LuaValue.NIL)).isEqualTo("null");
        assertThat(encode(lua("{n = 2^40, big = 1e300, small = 1e-5, float = 3.0}")))
                .contains("\"n\":1099511627776", "\"big\":1.0E300", "\"small\":1.0E-5", "\"float\":3");
        assertThat(encode(lua("'\\0\\1\\8\\9\\10\\11\\12\\13\\27\\31\\127/\\\\'")))
                .as("short escapes where JSON has them, lower-case hex otherwise, DEL and '/' as they are")
                .isEqualTo("\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001b\\u001f\u007f/\\\\\"");
    }

    @Test
    void encodedTextIsTheUtf8OfTheStringUnchanged() {
        LuaString emoji = bytes(0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9);
        LuaValue text = json.get("encode").call(emoji);
        assertThat(utf8(text)).isEqualTo("\"😀é\"");
        assertThat(HexFormat.of().formatHex(((LuaString) text).m_bytes, ((LuaString) text).m_offset,
                ((LuaString) text).m_offset + text.rawlen())).isEqualTo("22f09f9880c3a922");
    }

    @Test
    void encodingAStringThatIsNotUtf8IsALuaErrorNamingTheByte() {
        assertThatThrownBy(() -> json.get("encode").call(bytes('a', 'b', 0xFF, 'c')))
                .isInstanceOf(LuaError.class)
                .hasMessage("json.encode: cannot encode a string that is not valid UTF-8 (byte 0xff at position 3 of 4)");
        LuaTable table = new LuaTable();
        table.rawset(bytes(0xC3, 'x'), LuaValue.TRUE);
        assertThatThrownBy(() -> json.get("encode").call(table))
                .hasMessage("json.encode: cannot encode a table key that is not valid UTF-8 (byte 0xc3 at position 1 of 2)");
        assertThatThrownBy(() -> json.get("encode").call(bytes(0xED, 0xA0, 0x80)))
                .as("an encoded surrogate is not UTF-8 either")
                .hasMessageStartingWith("json.encode: cannot encode a string that is not valid UTF-8 (byte 0xed");
    }

    @Test
    void valuesJsonCannotHoldAreRefusedBeforeTheSizeCapIsReported() {
        assertThatThrownBy(() -> encode(lua("{f = print}")))
                .hasMessage("json.encode: cannot encode a value of type 'function' as JSON (only nil, booleans,"
                        + " numbers, strings and tables can be sent)");
        assertThatThrownBy(() -> encode(lua("(function() local t = {} t.t = t return t end)()")))
                .hasMessage("json.encode: cannot encode a table that contains itself");
        assertThatThrownBy(() -> encode(lua("{[true] = 1}")))
                .hasMessage("json.encode: cannot encode a table with a key of type 'boolean' (only string and"
                        + " integer keys can be sent)");
        assertThatThrownBy(() -> encode(lua("{0/0}"))).hasMessage("json.encode: cannot encode NaN as JSON");
        assertThatThrownBy(() -> encode(lua("{-1/0}"))).hasMessage("json.encode: cannot encode -Infinity as JSON");
        assertThatThrownBy(() -> encode(lua("{string.rep('x', 2000)}")))
                .hasMessage("json.encode: result exceeds the sandbox limit of 1024 bytes");
        assertThatThrownBy(() -> encode(lua("{string.rep('x', 2000), 0/0, print}")))
                .as("a function found after the size cap was passed still names the function")
                .hasMessageContaining("type 'function'");
        assertThatThrownBy(() -> encode(lua("{string.rep('x', 2000), 0/0}")))
                .as("of two errors found while writing, the first one")
                .hasMessage("json.encode: result exceeds the sandbox limit of 1024 bytes");
    }

    @Test
    void nestingIsCappedAtAHundredLevelsBothWays() {
        String hundred = "[".repeat(100) + "]".repeat(100);
        assertThat(encode(decode(hundred))).isEqualTo("[".repeat(99) + "{}" + "]".repeat(99));
        assertThatThrownBy(() -> decode("[" + hundred + "]"))
                .hasMessage("json.decode: nested deeper than 100 levels at position 101");
        assertThatThrownBy(() -> encode(lua("{" + "{".repeat(100) + "}".repeat(100) + "}")))
                .hasMessage("json.encode: cannot encode a table nested deeper than 100 levels");
    }

    @Test
    void decodesToTheTablesAMessageWouldBe() {
        LuaValue doc = decode("{\"a\": {\"b\": [null, \"é😀\", -3e2, 7, 2.5]}, \"a2\": 1, \"a2\": null}");
        LuaValue b = doc.get("a").get("b");
        assertThat(b.get(1).isnil()).isTrue();
        assertThat(utf8(b.get(2))).isEqualTo("é😀");
        assertThat(b.get(3).isinttype()).as("integral floats are Lua integers").isTrue();
        assertThat(b.get(3).toint()).isEqualTo(-300);
        assertThat(b.get(4).toint()).isEqualTo(7);
        assertThat(b.get(5).todouble()).isEqualTo(2.5);
        assertThat(doc.get("a2").isnil()).as("the last of repeated names wins, null removes the key").isTrue();
        assertThat(decode("[1, 2, 3]").length()).isEqualTo(3);
        assertThat(decode("9007199254740993").todouble()).isEqualTo(9007199254740992.0);
        LuaString pair = (LuaString) decode("\"\\ud83d\\ude00\"");
        assertThat(HexFormat.of().formatHex(pair.m_bytes, pair.m_offset, pair.m_offset + pair.m_length))
                .as("an escaped pair is the 4-byte UTF-8 of its code point").isEqualTo("f09f9880");
    }

    @Test
    void repeatedNamesKeepTheLastValueInSmallAndLargeObjects() {
        LuaValue small = decode("{\"a\": 1, \"b\": 2, \"a\": 3}");
        assertThat(small.get("a").toint()).isEqualTo(3);
        assertThat(small.get("b").toint()).isEqualTo(2);
        assertThat(encode(small)).as("the first place of a repeated name").isEqualTo("{\"a\":3,\"b\":2}");
        StringBuilder large = new StringBuilder("{");
        for (int i = 1; i <= 12; i++) {
            large.append("\"k").append(i).append("\": ").append(i).append(", ");
        }
        large.append("\"k3\": 30, \"k12\": null}");
        LuaValue doc = decode(large.toString());
        assertThat(doc.get("k3").toint()).isEqualTo(30);
        assertThat(doc.get("k12").isnil()).isTrue();
        assertThat(doc.get("k11").toint()).isEqualTo(11);
        assertThat(encode(decode("{\"x\": 1, \"y\": null}"))).isEqualTo("{\"x\":1}");
    }

    @Test
    void arraysAndObjectsNestedInEachOtherKeepTheirOwnItems() {
        LuaValue doc = decode("[{\"a\": [1, {\"b\": [2, 3]}, 4], \"c\": 5}, [6, [], {}], 7]");
        assertThat(encode(doc)).isEqualTo("[{\"a\":[1,{\"b\":[2,3]},4],\"c\":5},[6,{},{}],7]");
        assertThat(doc.length()).isEqualTo(3);
        assertThat(doc.get(1).get("a").length()).isEqualTo(3);
        assertThat(decode("[null, 1, null]").get(2).toint()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"a\": [1, 2}`   | expected ',' or ']' at position 12",
        "`[1 2]`            | expected ',' or ']' at position 4",
        "`{\"a\":1 \"b\"}`  | expected ',' or '}' at position 8",
        "`{\"a\":1]`        | expected ',' or '}' at position 7",
        "`{1:2}`            | expected a string key at position 2",
        "`{]`               | expected a string key at position 2",
        "`{\"x\":1,}`       | expected a string key at position 8",
        "`{\"a\" 1}`        | expected ':' at position 6",
        "`[tru]`            | unexpected character 't' at position 2",
        "`[1,]`             | unexpected character ']' at position 4",
        "`[}`               | unexpected character '}' at position 2",
        "`{\"a\":]`         | unexpected character ']' at position 6",
        "`[é]`              | unexpected character 'é' at position 2",
        "`\"abc`            | unterminated string at position 5",
        "`[\"a\\`           | unterminated string at position 5",
        "`\"a\\qb\"`        | bad escape '\\q' at position 4",
        "`\"a\\u12zz\"`     | bad unicode escape at position 7",
        "`[1,2`             | unexpected end of input at position 5",
        "`[`                | unexpected end of input at position 2",
        "`  `               | unexpected end of input at position 3",
        "`[1]   x`          | unexpected trailing characters at position 7",
        "`[1] [2]`          | unexpected trailing characters at position 5",
        "`1-2`              | bad number '1-2' at position 1",
        "`[-]`              | bad number '-' at position 2",
        "`[1, 2e]`          | bad number '2e' at position 5",
        "`1e`               | bad number '1e' at position 1",
        "`[01]`             | bad number '01' at position 2",
        "`[123456789012345678901234567890]` | bad number '123456789012345678901234567890' at position 2",
    })
    void malformedTextGetsAShortMessageWithItsPosition(String text, String message) {
        assertThatThrownBy(() -> decode(text)).isInstanceOf(LuaError.class).hasMessage("json.decode: " + message);
    }

    @Test
    void controlCharactersAndInvalidUtf8InTheTextAreRefused() {
        assertThatThrownBy(() -> decode("\"a\nb\"")).hasMessage("json.decode: control character in string at position 3");
        assertThatThrownBy(() -> json.get("decode").call(bytes('"', 'a', 0xFF, '"')))
                .hasMessage("json.decode: text is not valid UTF-8 (byte 0xff) at position 3");
        assertThatThrownBy(() -> json.get("decode").call(bytes('[', 0xE2, 0x82, ']')))
                .hasMessage("json.decode: text is not valid UTF-8 (byte 0xe2) at position 2");
    }

    @Test
    void theInputIsCappedAtTheSandboxLimit() {
        assertThatThrownBy(() -> decode("\"" + "x".repeat(LIMIT) + "\""))
                .hasMessage("json.decode: input of 1026 bytes exceeds the sandbox limit of 1024 bytes");
        assertThat(decode("\"" + "x".repeat(LIMIT - 2) + "\"").rawlen()).isEqualTo(LIMIT - 2);
        LuaTable roomy = new LuaTable();
        JsonModule.install(roomy, () -> 200_000);
        String name = "k".repeat(100_000);
        assertThat(roomy.get("decode").call(LuaValue.valueOf("{\"" + name + "\":1}")).get(name).toint())
                .as("names as long as the cap allows, beyond Jackson's default of 50,000").isEqualTo(1);
    }
}
