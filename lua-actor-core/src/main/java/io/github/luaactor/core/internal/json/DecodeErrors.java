package io.github.luaactor.core.internal.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.luaactor.core.internal.json.Json.JsonException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Turns Jackson's parse errors into the module's short messages ({@code expected ',' or ']' at position 12}), which
 * scripts and documentation rely on. Positions are 1-based byte offsets into the text, at the offending byte;
 * the end of the text is position length + 1. Jackson names the kind of error only in its message, so the kinds
 * are told apart by its wording, and anything not recognised keeps Jackson's own text.
 */
final class DecodeErrors {
    private static final Pattern CODE = Pattern.compile("\\(code (\\d+)\\)");

    private final JsonParser parser;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final long lastTokenStart;

    DecodeErrors(JsonParser parser, byte[] bytes, int offset, int length, long lastTokenStart) {
        this.parser = parser;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.lastTokenStart = lastTokenStart;
    }

    /** Where Jackson stopped, as an offset into the text. */
    long offset(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        long at = location == null ? -1 : location.getByteOffset();
        return at >= 0 ? at : parser.currentLocation().getByteOffset();
    }

    JsonException translate(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        long at = offset(e);
        if (e instanceof StreamConstraintsException) {
            return constraint(message, at);
        }
        if (e instanceof UnexpectedEndOfInputException eof) {
            return endOfInput(eof);
        }
        if (message.startsWith("Invalid UTF-8")) {
            return invalidUtf8();
        }
        if (message.startsWith("Illegal unquoted character")) {
            return error("control character in string", at + 1);
        }
        if (message.startsWith("Unrecognized character escape")) {
            return error("bad escape '\\" + (char) code(message, '?') + "'", at + 1);
        }
        if (message.contains("hex-digit for character escape")) {
            return error("bad unicode escape", at + 1);
        }
        if (message.contains("numeric value") || message.contains("root-level values")) {
            return badNumber(at);
        }
        if (message.contains("comma to separate Array")) {
            return error("expected ',' or ']'", at + 1);
        }
        if (message.contains("comma to separate Object")) {
            return error("expected ',' or '}'", at + 1);
        }
        if (message.contains("double-quote to start property name")) {
            return error("expected a string key", at + 1);
        }
        if (message.contains("colon to separate")) {
            return error("expected ':'", at + 1);
        }
        if (message.startsWith("Unexpected close marker")) {
            return closeMarker(at);
        }
        if (message.startsWith("Unrecognized token") || message.contains("expected a value")
                || message.contains("expected a valid value")) {
            return isNumberStart(at) ? badNumber(at) : unexpected(at);
        }
        return error(jacksonText(message), at + 1);
    }

    /**
     * Jackson also says "invalid UTF-8" for a valid multi-byte character where no string is (as in {@code [é]}),
     * and stops a byte or two after a bad one: the text itself tells which it is, and where.
     */
    private JsonException invalidUtf8() {
        ByteBuffer text = ByteBuffer.wrap(bytes, offset, length);
        try {
            StandardCharsets.UTF_8.newDecoder().decode(text);
        } catch (CharacterCodingException e) {
            int at = text.position() - offset;
            return error("text is not valid UTF-8 (byte 0x" + String.format("%02x", byteAt(at)) + ")", at + 1);
        }
        return unexpected(parser.currentTokenLocation().getByteOffset());
    }

    private JsonException constraint(String message, long at) {
        if (message.contains("nesting depth")) {
            // The location of a refused '[' or '{' is just after it.
            return error("nested deeper than " + Json.MAX_DEPTH + " levels", at);
        }
        return error(jacksonText(message), at);
    }

    private JsonException endOfInput(UnexpectedEndOfInputException e) {
        JsonToken token = e.getTokenBeingDecoded();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
            return error("unterminated string", length + 1);
        }
        long start = numberStart(length);
        if (start < length && start != lastTokenStart) {
            // A number cut short by the end of the text; a complete number before the end was already a token.
            return badNumber(start);
        }
        return error("unexpected end of input", length + 1);
    }

    /** A close marker that does not match: {@code [1}} expected more of the array, {@code [}} a value. */
    private JsonException closeMarker(long at) {
        TokenStreamContext context = parser.streamReadContext();
        boolean empty = context.getEntryCount() == 0;
        if (context.inArray() && !empty) {
            return error("expected ',' or ']'", at + 1);
        }
        if (context.inObject()) {
            return error(empty ? "expected a string key" : "expected ',' or '}'", at + 1);
        }
        return unexpected(at);
    }

    private JsonException unexpected(long at) {
        return error("unexpected character '" + characterAt(at) + "'", at + 1);
    }

    /** The number around {@code at}, as far as number characters reach, like {@code 1-2} or {@code 01}. */
    private JsonException badNumber(long at) {
        long start = numberStart(at);
        long end = start;
        while (end < length && isNumberChar(byteAt(end))) {
            end++;
        }
        String literal = new String(bytes, offset + (int) start, (int) (end - start), StandardCharsets.US_ASCII);
        return error("bad number '" + literal + "'", start + 1);
    }

    private long numberStart(long at) {
        long start = Math.min(at, length);
        while (start > 0 && isNumberChar(byteAt(start - 1))) {
            start--;
        }
        return start;
    }

    private boolean isNumberStart(long at) {
        if (at >= length) {
            return false;
        }
        int b = byteAt(at);
        return b == '-' || (b >= '0' && b <= '9');
    }

    private static boolean isNumberChar(int b) {
        return (b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-';
    }

    private int byteAt(long at) {
        return bytes[offset + (int) at] & 0xff;
    }

    /** The character starting at {@code at}, decoded leniently: an invalid byte shows as U+FFFD. */
    private String characterAt(long at) {
        if (at >= length) {
            return "";
        }
        int n = (int) Math.min(4, length - at);
        String text = new String(bytes, offset + (int) at, n, StandardCharsets.UTF_8);
        return new String(Character.toChars(text.codePointAt(0)));
    }

    private static int code(String message, int fallback) {
        Matcher m = CODE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    /** Jackson's message without the part naming the source, which is redacted anyway. */
    private static String jacksonText(String message) {
        int source = message.indexOf(" (for ");
        String text = source > 0 ? message.substring(0, source) : message;
        return text.isEmpty() ? "malformed JSON" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static JsonException error(String what, long position) {
        return new JsonException(what + " at position " + position);
    }
}
