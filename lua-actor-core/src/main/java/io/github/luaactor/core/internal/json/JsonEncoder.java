package io.github.luaactor.core.internal.json;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;

import io.github.luaactor.core.internal.json.Json.JsonException;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes one Lua value as JSON with Jackson's generator. A value is checked the way a message between actors is
 * (types, cycles, depth, value and string-byte counts) and those errors win over the ones found while writing (a
 * NaN, the size cap): the walk goes on after a writing error, without output, so a script sees the same error
 * whatever the order of its table. One instance encodes one value.
 */
final class JsonEncoder {
    /** As for messages: a table reached through several references is walked at each, so the walk is bounded. */
    private static final int MAX_VALUES = 1_000_000;
    /** Most string bytes walked, as a multiple of the size cap; a shared string counts at each use. */
    private static final int MAX_BYTES_FACTOR = 16;
    /** Lower-case hex in the escapes of control characters ({@code 001f}), as this module has always written them. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private final int maxLength;
    private final long maxStringBytes;
    private final ByteArrayOutputStream out;
    private final JsonGenerator generator;
    private final IdentityHashMap<LuaTable, Boolean> path = new IdentityHashMap<>();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private int values;
    private long stringBytes;
    /** The first error found while writing; once set nothing more is written. */
    private JsonException writeError;

    private JsonEncoder(int maxLength, ByteArrayOutputStream out, JsonGenerator generator) {
        this.maxLength = maxLength;
        this.maxStringBytes = (long) maxLength * MAX_BYTES_FACTOR;
        this.out = out;
        this.generator = generator;
    }

    static byte[] encode(LuaValue value, int maxLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            return new JsonEncoder(maxLength, out, generator).run(value);
        }
    }

    private byte[] run(LuaValue value) {
        value(value, 0);
        if (writeError != null) {
            throw writeError;
        }
        generator.flush();
        checkSize();
        if (writeError != null) {
            throw writeError;
        }
        return out.toByteArray();
    }

    private void value(LuaValue value, int depth) {
        countValue();
        switch (value.type()) {
            case LuaValue.TNIL -> {
                if (writing()) {
                    generator.writeNull();
                }
            }
            case LuaValue.TBOOLEAN -> {
                if (writing()) {
                    generator.writeBoolean(value.toboolean());
                }
            }
            case LuaValue.TNUMBER -> number(value);
            case LuaValue.TSTRING -> {
                countBytes(value.rawlen());
                String text = text((LuaString) value, "string");
                if (writing()) {
                    generator.writeString(text);
                }
            }
            case LuaValue.TTABLE -> table((LuaTable) value, depth);
            default -> throw new JsonException("cannot encode a value of type '" + value.typename()
                    + "' as JSON (only nil, booleans, numbers, strings and tables can be sent)");
        }
        checkSize();
    }

    private void number(LuaValue value) {
        Long integral = integral(value);
        if (integral != null) {
            if (writing()) {
                generator.writeNumber(integral.longValue());
            }
            return;
        }
        double d = value.todouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            if (writeError == null) {
                writeError = new JsonException("cannot encode " + d + " as JSON");
            }
        } else if (writing()) {
            generator.writeNumber(d);
        }
    }

    /** The value as a long when it is an integer, as a message carries it; null otherwise. */
    private static Long integral(LuaValue number) {
        if (number.isinttype()) {
            return (long) number.toint();
        }
        double d = number.todouble();
        return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (long) d : null;
    }

    private void table(LuaTable table, int depth) {
        if (depth >= Json.MAX_DEPTH) {
            throw new JsonException("cannot encode a table nested deeper than " + Json.MAX_DEPTH + " levels");
        }
        if (path.put(table, Boolean.TRUE) != null) {
            throw new JsonException("cannot encode a table that contains itself");
        }
        boolean list = isList(table);
        if (writing()) {
            if (list) {
                generator.writeStartArray();
            } else {
                generator.writeStartObject();
            }
        }
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = table.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            countValue();
            String name = key(k);
            if (!list && writing()) {
                generator.writeName(name);
            }
            value(next.arg(2), depth + 1);
        }
        if (writing()) {
            if (list) {
                generator.writeEndArray();
            } else {
                generator.writeEndObject();
            }
        }
        path.remove(table);
    }

    /** Whether the keys are exactly 1..n in iteration order, n &ge; 1: such a table is a JSON array. */
    private static boolean isList(LuaTable table) {
        long expected = 1;
        LuaValue k = LuaValue.NIL;
        while (true) {
            k = table.next(k).arg1();
            if (k.isnil()) {
                return expected > 1;
            }
            Long index = k.type() == LuaValue.TNUMBER ? integral(k) : null;
            if (index == null || index != expected++) {
                return false;
            }
        }
    }

    /** A key as an object member name: strings as they are, integers in decimal. */
    private String key(LuaValue key) {
        if (key.type() == LuaValue.TSTRING) {
            countBytes(key.rawlen());
            return text((LuaString) key, "table key");
        }
        Long integral = key.type() == LuaValue.TNUMBER ? integral(key) : null;
        if (integral == null) {
            throw new JsonException("cannot encode a table with a key of type '" + key.typename()
                    + "' (only string and integer keys can be sent)");
        }
        return Long.toString(integral);
    }

    /** The characters of a Lua string, which must be UTF-8: JSON text cannot carry other bytes unchanged. */
    private String text(LuaString s, String what) {
        ByteBuffer bytes = ByteBuffer.wrap(s.m_bytes, s.m_offset, s.m_length);
        try {
            return utf8.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            int at = bytes.position() - s.m_offset;
            throw new JsonException("cannot encode a " + what + " that is not valid UTF-8 (byte 0x"
                    + String.format("%02x", s.m_bytes[s.m_offset + at] & 0xff) + " at position " + (at + 1)
                    + " of " + s.m_length + ")");
        }
    }

    private boolean writing() {
        return writeError == null;
    }

    private void checkSize() {
        if (writeError == null && out.size() + generator.streamWriteOutputBuffered() > maxLength) {
            writeError = new JsonException("result exceeds the sandbox limit of " + maxLength + " bytes");
        }
    }

    private void countValue() {
        if (++values > MAX_VALUES) {
            throw new JsonException("cannot encode a message of more than " + MAX_VALUES
                    + " values (keys and values, counted at every reference to a shared table)");
        }
    }

    private void countBytes(int length) {
        stringBytes += length;
        if (stringBytes > maxStringBytes) {
            throw new JsonException("cannot encode a message with more than " + maxStringBytes
                    + " bytes of strings (" + MAX_BYTES_FACTOR + " x max-string-length, counted at every reference)");
        }
    }
}
