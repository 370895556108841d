package io.github.luaactor.spring.boot.actuate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.ClassUtils;

/**
 * Converts between values parsed from JSON and {@link LuaMessage}s: objects become tables with string keys, arrays
 * tables with keys 1..n, integral numbers {@link LuaMessage.Int} and other numbers {@link LuaMessage.Num}; and back,
 * with tables whose keys are 1..n becoming arrays. JSON text is Unicode: a Lua string that is not UTF-8
 * ({@link LuaMessage.Bytes}) is shown as its UTF-8 reading with U+FFFD for each malformed sequence.
 */
final class JsonMessages {
    private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            JsonMessages.class.getClassLoader());

    private JsonMessages() {
    }

    /**
     * A JSON value (as parsed by Jackson into maps, lists, strings, numbers, booleans and {@code null}) as a
     * message.
     *
     * @throws IllegalArgumentException when the value has no Lua shape
     */
    static LuaMessage toMessage(@Nullable Object json) {
        return LuaMessage.from(normalize(json));
    }

    private static @Nullable Object normalize(@Nullable Object json) {
        return switch (json) {
            case null -> null;
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
            case BigDecimal decimal -> decimal.doubleValue();
            case Map<?, ?> map -> {
                Map<String, @Nullable Object> copy = new LinkedHashMap<>();
                map.forEach((key, value) -> copy.put(String.valueOf(key), normalize(value)));
                yield copy;
            }
            case List<?> list -> {
                List<@Nullable Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(normalize(item)));
                yield copy;
            }
            default -> json;
        };
    }

    /**
     * Parses JSON text (any JSON value, not only objects) into a message, in one pass with Jackson 3 when the
     * application has it (Spring Boot's web starters bring it).
     *
     * @throws IllegalArgumentException when it is not valid JSON
     */
    static LuaMessage parse(String json) {
        if (JACKSON_PRESENT) {
            return LuaMessageReader.parse(json);
        }
        // Without Jackson 3 (an application on Gson, say) Boot's parser reads it, through maps and lists.
        try {
            return toMessage(JsonParserFactory.getJsonParser().parseMap("{\"value\":" + json + "}").get("value"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The message is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A message as plain values Jackson writes as JSON ({@code null} for nil). */
    static @Nullable Object toJson(LuaMessage message) {
        return json(message.toJava());
    }

    private static @Nullable Object json(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> new LuaMessage.Bytes(bytes).asString();
            case Double d when d.isNaN() || d.isInfinite() -> d.toString();
            case Map<?, ?> map -> {
                Map<String, @Nullable Object> copy = new LinkedHashMap<>();
                map.forEach((key, item) -> copy.put(
                        key instanceof LuaMessage.Bytes bytes ? bytes.asString() : String.valueOf(key), json(item)));
                yield copy;
            }
            case List<?> list -> {
                List<@Nullable Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(json(item)));
                yield copy;
            }
            default -> value;
        };
    }
}
