package io.github.luaactor.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one JSON value from a Jackson parser straight into a {@link LuaMessage}, with no maps and lists in between:
 * objects become tables with string keys, arrays tables with keys 1..n ({@code null} items leave holes), integers
 * that fit a long {@link LuaMessage.Int}, other numbers {@link LuaMessage.Num}. Nesting is bounded by the parser's
 * {@code StreamReadConstraints}.
 */
final class LuaMessageReader {
    private LuaMessageReader() {
    }

    /**
     * Parses JSON text that holds exactly one value (any value, not only objects).
     *
     * @throws IllegalArgumentException when it is not valid JSON
     */
    static LuaMessage parse(String json) {
        return parse(JsonMapper.shared(), json);
    }

    static LuaMessage parse(ObjectMapper mapper, String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("The message is not valid JSON: it is empty");
            }
            LuaMessage message = read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("The message is not valid JSON: more follows the value at "
                        + parser.currentTokenLocation().offsetDescription());
            }
            return message;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The message is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value whose first token is the parser's current one; the parser is left on its last token. */
    static LuaMessage read(JsonParser parser) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> new LuaMessage.Str(parser.getString());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new LuaMessage.Num(parser.getDoubleValue())
                    : new LuaMessage.Int(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> new LuaMessage.Num(parser.getDoubleValue());
            case VALUE_TRUE -> LuaMessage.Bool.TRUE;
            case VALUE_FALSE -> LuaMessage.Bool.FALSE;
            case VALUE_NULL -> LuaMessage.NIL;
            case null, default -> throw new IllegalStateException("Not at the start of a JSON value: " + token);
        };
    }

    private static LuaMessage object(JsonParser parser) {
        Map<Object, LuaMessage> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            entries.put(name, read(parser));
        }
        return new LuaMessage.Table(entries);
    }

    private static LuaMessage array(JsonParser parser) {
        Map<Object, LuaMessage> entries = new LinkedHashMap<>();
        long index = 1;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            entries.put(index++, read(parser));
        }
        return new LuaMessage.Table(entries);
    }
}
