package io.github.luaactor.core.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.internal.json.Json.JsonException;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.base.ParserBase;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads JSON text (UTF-8 bytes, as a Lua string holds them) into Lua values with Jackson's streaming parser, which
 * also checks that the text is UTF-8. Tables are built the way a message turns into Lua values, so a decoded value
 * and a received message of the same shape are indistinguishable to a script. One instance decodes one text.
 */
final class JsonDecoder {
    /**
     * One factory per size cap: constraints belong to a factory, and actors share a handful of caps. Names are not
     * interned: they come from scripts and would fill the JVM's string pool.
     */
    private static final Map<Integer, JsonFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final ParserBuffers BUFFERS = new ParserBuffers();

    /** Objects with at most this many members are checked for repeated names by comparing the names. */
    private static final int SMALL_OBJECT = 8;

    private final JsonParser parser;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    /** Where the last token handed out starts, so a stale token location is not mistaken for a failing one. */
    private long lastTokenStart = -1;
    /** The members of the objects being read, innermost last, as name, value pairs ({@link #object()}). */
    private LuaValue[] members = new LuaValue[16];
    private int top;

    private JsonDecoder(JsonParser parser, byte[] bytes, int offset, int length) {
        this.parser = parser;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    static LuaValue decode(byte[] bytes, int offset, int length, int maxLength) {
        if (length > maxLength) {
            throw new JsonException("input of " + length + " bytes exceeds the sandbox limit of " + maxLength
                    + " bytes");
        }
        Factory last = lastFactory;
        JsonFactory factory = last != null && last.maxLength == maxLength ? last.factory
                : factoryFor(maxLength);
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
            return new JsonDecoder(parser, bytes, offset, length).document();
        }
    }

    /** The factory of the cap most recently asked for: actors share a handful of caps, mostly one. */
    private record Factory(int maxLength, JsonFactory factory) {
    }

    private static volatile Factory lastFactory;

    private static JsonFactory factoryFor(int maxLength) {
        JsonFactory factory = FACTORIES.computeIfAbsent(maxLength, JsonDecoder::factory);
        lastFactory = new Factory(maxLength, factory);
        return factory;
    }

    /**
     * Depth as for messages; no string, name or number can be longer than the text, itself capped at the sandbox's
     * string size, so those limits only make sure Jackson's smaller defaults never refuse what fits the sandbox.
     */
    private static JsonFactory factory(int maxLength) {
        return JsonFactory.builder()
                .disable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
                .recyclerPool(BUFFERS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Json.MAX_DEPTH)
                        .maxStringLength(maxLength)
                        .maxNameLength(maxLength)
                        .maxNumberLength(maxLength)
                        .build())
                .build();
    }

    private LuaValue document() {
        boolean complete = false;
        try {
            JsonToken first = next();
            if (first == null) {
                throw new JsonException("unexpected end of input at position " + (length + 1));
            }
            LuaValue value = value(first);
            complete = true;
            if (next() != null) {
                throw trailing(lastTokenStart);
            }
            return value;
        } catch (JacksonException e) {
            DecodeErrors errors = new DecodeErrors(parser, bytes, offset, length, lastTokenStart);
            throw complete ? trailing(errors.offset(e)) : errors.translate(e);
        }
    }

    private static JsonException trailing(long at) {
        return new JsonException("unexpected trailing characters at position " + (at + 1));
    }

    private JsonToken next() {
        JsonToken token = parser.nextToken();
        lastTokenStart = tokenStart(token);
        return token;
    }

    /**
     * {@code currentTokenLocation().getByteOffset()} without making a location object for every token: for any
     * token but a name, Jackson's base parser computes that offset as its token offset minus one. A name's start
     * is never needed (the start is compared with a number's and reported for trailing values and bad numbers,
     * never for a name), so a name, the most frequent token, costs no location either.
     */
    private long tokenStart(JsonToken token) {
        if (token == JsonToken.PROPERTY_NAME) {
            return -1;
        }
        if (parser instanceof ParserBase base) {
            return base.getTokenCharacterOffset() - 1;
        }
        return parser.currentTokenLocation().getByteOffset();
    }

    private LuaValue value(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> array();
            case START_OBJECT -> object();
            case VALUE_STRING -> string();
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> LuaValue.valueOf(parser.getDoubleValue());
            case VALUE_TRUE -> LuaValue.TRUE;
            case VALUE_FALSE -> LuaValue.FALSE;
            case VALUE_NULL -> LuaValue.NIL;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    /** The string value, from Jackson's buffer: ASCII text (the common case) needs no Java string in between. */
    private LuaString string() {
        char[] chars = parser.getStringCharacters();
        int from = parser.getStringOffset();
        int n = parser.getStringLength();
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = chars[from + i];
            if (c >= 0x80) {
                return LuaString.valueUsing(new String(chars, from, n).getBytes(StandardCharsets.UTF_8));
            }
            ascii[i] = (byte) c;
        }
        return LuaString.valueUsing(ascii);
    }

    private static LuaString name(String text) {
        return JsonNames.of(text);
    }

    /** Integers beyond a long are refused rather than rounded: a Lua 5.2 number would lose them silently. */
    private LuaValue integer() {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new JsonException("bad number '" + parser.getString() + "' at position " + (lastTokenStart + 1));
        }
        long value = parser.getLongValue();
        return value == (int) value ? LuaInteger.valueOf((int) value) : LuaValue.valueOf((double) value);
    }

    /**
     * Nulls leave holes: {@code [null, 1]} is {@code {[2] = 1}}, and only a table without holes is sized as a list.
     * The items wait on the stack the objects use ({@link #members}), so an array costs no list of its own.
     */
    private LuaValue array() {
        int base = top;
        try {
            boolean holes = false;
            JsonToken token;
            while ((token = next()) != JsonToken.END_ARRAY) {
                LuaValue item = value(token);
                holes |= item.isnil();
                push(item);
            }
            int n = top - base;
            LuaTable table = n == 0 || holes ? new LuaTable() : new LuaTable(n, 0);
            for (int i = 0; i < n; i++) {
                LuaValue item = members[base + i];
                if (!item.isnil()) {
                    table.rawset(i + 1, item);
                }
            }
            return table;
        } finally {
            top = base;
        }
    }

    /**
     * A repeated name keeps its first place and its last value; a null value leaves the key out. The members are
     * kept on a stack shared with the nested objects and go into a table sized for them, in their order, at the
     * object's end; an object with a null or a repeated name, where the table alone cannot keep those rules, is built
     * from them through an ordered map instead.
     */
    private LuaValue object() {
        int base = top;
        try {
            while (next() != JsonToken.END_OBJECT) {
                LuaString name = name(parser.currentName());
                push(name);
                push(value(next()));
            }
            int count = (top - base) / 2;
            boolean small = count <= SMALL_OBJECT;
            if (small && !plain(base)) {
                return ordered(base);
            }
            // Built once the members are known: sized for them, so the table never grows while it fills.
            LuaTable table = new LuaTable(0, count);
            for (int i = base; i < top; i += 2) {
                LuaValue value = members[i + 1];
                if (!small && (value.isnil() || !table.rawget(members[i]).isnil())) {
                    return ordered(base);
                }
                table.rawset(members[i], value);
            }
            return table;
        } finally {
            top = base;
        }
    }

    /**
     * True when the object's members from {@code base} have no null value and no repeated name. For a small object
     * the names are compared with each other, cheaper than a table look-up per member; a larger one is checked
     * against its table as it fills (comparing every pair would grow with the square of its size).
     */
    private boolean plain(int base) {
        for (int i = base; i < top; i += 2) {
            if (members[i + 1].isnil()) {
                return false;
            }
            LuaValue name = members[i];
            for (int j = base; j < i; j += 2) {
                if (members[j].raweq(name)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void push(LuaValue value) {
        if (top == members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[top++] = value;
    }

    private LuaTable ordered(int base) {
        Map<LuaValue, LuaValue> byName = new LinkedHashMap<>();
        for (int i = base; i < top; i += 2) {
            byName.put(members[i], members[i + 1]);
        }
        LuaTable table = new LuaTable();
        byName.forEach((name, value) -> {
            if (!value.isnil()) {
                table.rawset(name, value);
            }
        });
        return table;
    }
}
