package io.github.luaactor.core.internal.json;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * JSON text to and from Lua values, for the built-in {@code json} module. Objects become tables with string keys,
 * arrays tables with keys 1..n, {@code null} nil. Lua strings are bytes and JSON text is UTF-8: decoded strings are
 * the UTF-8 bytes of the JSON string, and a string that is not valid UTF-8 is refused by the encoder rather than
 * altered. Depth and size are capped so a script cannot use the module to build unbounded structures.
 */
final class Json {
    /** Most nested tables (encode) or arrays and objects (decode); messages between actors have the same cap. */
    static final int MAX_DEPTH = 100;

    private Json() {
    }

    /** Thrown for malformed input, values JSON cannot hold or exceeded limits; the message is shown to Lua. */
    static final class JsonException extends RuntimeException {
        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    /** The JSON text of a Lua value, as UTF-8 bytes; {@code maxLength} caps its size. */
    static LuaString encode(LuaValue value, int maxLength) {
        return LuaString.valueUsing(JsonEncoder.encode(value, maxLength));
    }

    /** The Lua value of a JSON text; {@code maxLength} caps the input. */
    static LuaValue decode(LuaString text, int maxLength) {
        return JsonDecoder.decode(text.m_bytes, text.m_offset, text.m_length, maxLength);
    }
}
