package io.github.luaactor.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;

/**
 * JSON text to and from {@link LuaMessage}, for the built-in {@code json} module. Objects become tables with string
 * keys, arrays tables with keys 1..n, {@code null} nil. Depth and size are capped so a script cannot use it to build
 * unbounded structures.
 */
final class Json {
    static final int MAX_DEPTH = 100;

    private Json() {
    }

    /** Thrown for malformed input or exceeded limits; the message is shown to Lua. */
    static final class JsonException extends RuntimeException {
        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    static String encode(LuaMessage value, int maxLength) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, maxLength);
        if (out.length() > maxLength) {
            throw new JsonException("result exceeds the sandbox limit of " + maxLength + " bytes");
        }
        return out.toString();
    }

    private static void write(LuaMessage value, StringBuilder out, int depth, int maxLength) {
        if (out.length() > maxLength) {
            throw new JsonException("result exceeds the sandbox limit of " + maxLength + " bytes");
        }
        switch (value) {
            case LuaMessage.Nil ignored -> out.append("null");
            case LuaMessage.Bool b -> out.append(b.value());
            case LuaMessage.Int i -> out.append(i.value());
            case LuaMessage.Num n -> {
                if (Double.isNaN(n.value()) || Double.isInfinite(n.value())) {
                    throw new JsonException("cannot encode " + n.value() + " as JSON");
                }
                out.append(n.value());
            }
            case LuaMessage.Str s -> quote(s.value(), out);
            case LuaMessage.Table t -> {
                if (depth >= MAX_DEPTH) {
                    throw new JsonException("nested deeper than " + MAX_DEPTH + " levels");
                }
                if (t.isList()) {
                    out.append('[');
                    boolean first = true;
                    for (LuaMessage item : t.entries().values()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        write(item, out, depth + 1, maxLength);
                    }
                    out.append(']');
                } else {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<Object, LuaMessage> e : t.entries().entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        quote(String.valueOf(e.getKey()), out);
                        out.append(':');
                        write(e.getValue(), out, depth + 1, maxLength);
                    }
                    out.append('}');
                }
            }
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static LuaMessage decode(String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new JsonException("input of " + text.length() + " characters exceeds the sandbox limit of "
                    + maxLength + " bytes");
        }
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        LuaMessage value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected trailing characters");
        }
        return value;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        JsonException error(String what) {
            return new JsonException(what + " at position " + (pos + 1));
        }

        void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        LuaMessage value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> new LuaMessage.Str(string());
                case 't' -> literal("true", LuaMessage.Bool.TRUE);
                case 'f' -> literal("false", LuaMessage.Bool.FALSE);
                case 'n' -> literal("null", LuaMessage.NIL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private LuaMessage literal(String word, LuaMessage value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character '" + text.charAt(pos) + "'");
            }
            pos += word.length();
            return value;
        }

        private LuaMessage object(int depth) {
            pos++;
            Map<Object, LuaMessage> entries = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return LuaMessage.Table.EMPTY;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                entries.put(key, value(depth + 1));
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return new LuaMessage.Table(entries);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private LuaMessage array(int depth) {
            pos++;
            Map<Object, LuaMessage> entries = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return LuaMessage.Table.EMPTY;
            }
            long index = 1;
            while (true) {
                skipWhitespace();
                entries.put(index++, value(depth + 1));
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return new LuaMessage.Table(entries);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        throw error("unterminated string");
                    }
                    char e = text.charAt(pos++);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (pos + 4 > text.length()) {
                                throw error("bad unicode escape");
                            }
                            try {
                                sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad unicode escape");
                            }
                            pos += 4;
                        }
                        default -> throw error("bad escape '\\" + e + "'");
                    }
                } else if (c < 0x20) {
                    throw error("control character in string");
                } else {
                    sb.append(c);
                }
            }
        }

        private LuaMessage number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            boolean integral = true;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c >= '0' && c <= '9') {
                    pos++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    integral = false;
                    pos++;
                } else {
                    break;
                }
            }
            String literal = text.substring(start, pos);
            try {
                if (integral) {
                    return new LuaMessage.Int(Long.parseLong(literal));
                }
                return new LuaMessage.Num(Double.parseDouble(literal));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("bad number '" + literal + "'");
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private char next() {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(pos++);
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }
    }
}
