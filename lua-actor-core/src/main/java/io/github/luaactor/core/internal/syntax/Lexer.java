package io.github.luaactor.core.internal.syntax;

import static io.github.luaactor.core.internal.syntax.Tokens.CONCAT;
import static io.github.luaactor.core.internal.syntax.Tokens.DBCOLON;
import static io.github.luaactor.core.internal.syntax.Tokens.DOTS;
import static io.github.luaactor.core.internal.syntax.Tokens.EOS;
import static io.github.luaactor.core.internal.syntax.Tokens.EQ;
import static io.github.luaactor.core.internal.syntax.Tokens.GE;
import static io.github.luaactor.core.internal.syntax.Tokens.LE;
import static io.github.luaactor.core.internal.syntax.Tokens.NAME;
import static io.github.luaactor.core.internal.syntax.Tokens.NE;
import static io.github.luaactor.core.internal.syntax.Tokens.NUMBER;
import static io.github.luaactor.core.internal.syntax.Tokens.STRING;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import io.github.luaactor.core.internal.stdlib.NumberParser;

/**
 * Lua 5.2's lexical conventions (manual section 3.1) over the bytes of a chunk, with one token of look-ahead. Names
 * are ASCII letters, digits and {@code _}, as in C Lua's own character table. Errors read as 5.2's: the line is where
 * the scan stands, and {@code near} shows the text of the token scanned last (for a string, as far as it was read,
 * escapes already replaced), which is what 5.2 shows even after a look-ahead.
 */
final class Lexer {
    private static final int EOZ = -1;
    private static final int NONE = -1;
    private static final Pattern DECIMAL = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEXADECIMAL = Pattern.compile(
            "0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");

    private final byte[] src;
    private int pos;
    /** The line the scan stands on: Lua's {@code linenumber}, used for every message. */
    int line = 1;

    /** The current token and where it is in the source (for names). */
    int token;
    private int tokenStart;
    private int tokenEnd;
    private int ahead = NONE;
    private int aheadStart;
    private int aheadEnd;

    /** The text of the token scanned last, for {@code near}: a source range, or the string buffer. */
    private int textStart;
    private int textEnd;
    private boolean textInBuffer;
    private final TextBuffer buffer = new TextBuffer();

    /** {@code file}: skip a first line starting with {@code #} (and a UTF-8 byte order mark), as Lua's loadfile does. */
    Lexer(byte[] src, boolean file) {
        this.src = src;
        if (file) {
            if (src.length >= 3 && (src[0] & 0xff) == 0xef && (src[1] & 0xff) == 0xbb && (src[2] & 0xff) == 0xbf) {
                pos = 3;
            }
            if (pos < src.length && src[pos] == '#') {
                while (pos < src.length && !isNewline(src[pos])) {
                    pos++;
                }
            }
        }
    }

    void next() {
        if (ahead != NONE) {
            token = ahead;
            tokenStart = aheadStart;
            tokenEnd = aheadEnd;
            ahead = NONE;
        } else {
            token = scan();
            tokenStart = textStart;
            tokenEnd = textEnd;
        }
    }

    int lookahead() {
        ahead = scan();
        aheadStart = textStart;
        aheadEnd = textEnd;
        return ahead;
    }

    /** Where the current token starts in the source. */
    int tokenStart() {
        return tokenStart;
    }

    /** Where the current token ends, when it is a name or a numeral. */
    int tokenEnd() {
        return tokenEnd;
    }

    /** The value of the current token, a numeral, as Lua 5.2 reads it. */
    double numeralValue() {
        return NumberParser.parse(src, tokenStart, tokenEnd - tokenStart);
    }

    /** The current token's text, when it is a name. */
    String name() {
        return new String(src, tokenStart, tokenEnd - tokenStart, StandardCharsets.UTF_8);
    }

    /** An error at the current token: {@code message near 'token'}. */
    LuaSyntaxError syntaxError(String message) {
        return error(message, token);
    }

    /** An error of meaning (goto, labels), which 5.2 reports without {@code near}. */
    LuaSyntaxError semanticError(String message) {
        return new LuaSyntaxError(line, message);
    }

    private LuaSyntaxError error(String message, int at) {
        // A zero byte is token 0, which 5.2's lexerror takes for "no token": the message has no "near" then.
        return new LuaSyntaxError(line, at == 0 ? message : message + " near " + near(at));
    }

    private String near(int at) {
        if (at != NAME && at != STRING && at != NUMBER) {
            return Tokens.show(at);
        }
        String text = textInBuffer ? buffer.text()
                : new String(src, textStart, textEnd - textStart, StandardCharsets.UTF_8);
        return "'" + text + "'";
    }

    private int current() {
        return pos < src.length ? src[pos] & 0xff : EOZ;
    }

    private static boolean isNewline(int c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** Skips one line break: {@code \n}, {@code \r}, {@code \r\n} or {@code \n\r}. */
    private void newline() {
        int first = current();
        pos++;
        if (isNewline(current()) && current() != first) {
            pos++;
        }
        line++;
    }

    private int scan() {
        textInBuffer = false;
        while (true) {
            int c = current();
            textStart = pos;
            switch (c) {
                case '\n', '\r' -> newline();
                case ' ', '\f', '\t', 0x0b -> pos++;
                case '-' -> {
                    pos++;
                    if (current() != '-') {
                        return '-';
                    }
                    pos++;
                    comment();
                }
                case '[' -> {
                    int sep = separator();
                    if (sep >= 0) {
                        longBracket(sep, true);
                        return STRING;
                    }
                    if (sep != -1) {
                        textEnd = pos;
                        throw error("invalid long string delimiter", STRING);
                    }
                    return '[';
                }
                case '=' -> {
                    return twoChar('=', EQ, '=');
                }
                case '<' -> {
                    return twoChar('<', LE, '=');
                }
                case '>' -> {
                    return twoChar('>', GE, '=');
                }
                case '~' -> {
                    return twoChar('~', NE, '=');
                }
                case ':' -> {
                    return twoChar(':', DBCOLON, ':');
                }
                case '"', '\'' -> {
                    shortString(c);
                    return STRING;
                }
                case '.' -> {
                    pos++;
                    if (current() == '.') {
                        pos++;
                        if (current() == '.') {
                            pos++;
                            return DOTS;
                        }
                        return CONCAT;
                    }
                    if (!isDigit(current())) {
                        return '.';
                    }
                    numeral();
                    return NUMBER;
                }
                case EOZ -> {
                    return EOS;
                }
                default -> {
                    if (isDigit(c)) {
                        numeral();
                        return NUMBER;
                    }
                    if (isAlpha(c)) {
                        while (isAlpha(current()) || isDigit(current())) {
                            pos++;
                        }
                        textEnd = pos;
                        return Tokens.word(new String(src, textStart, pos - textStart, StandardCharsets.US_ASCII));
                    }
                    pos++;
                    return c;
                }
            }
        }
    }

    private int twoChar(int single, int pair, int second) {
        pos++;
        if (current() != second) {
            return single;
        }
        pos++;
        return pair;
    }

    /** After {@code --}: a long comment if a long bracket opens, else up to the end of the line. */
    private void comment() {
        if (current() == '[') {
            int sep = separator();
            if (sep >= 0) {
                longBracket(sep, false);
                return;
            }
        }
        while (!isNewline(current()) && current() != EOZ) {
            pos++;
        }
    }

    /**
     * At {@code [} or {@code ]}: skips it and the {@code =} signs after it. Their count when the same bracket follows
     * (the scan then stands on it), else {@code -count - 1}.
     */
    private int separator() {
        int bracket = current();
        pos++;
        int count = 0;
        while (current() == '=') {
            pos++;
            count++;
        }
        return current() == bracket ? count : -count - 1;
    }

    /** A long string or comment, from its second opening bracket to the closing bracket of the same level. */
    private void longBracket(int sep, boolean string) {
        pos++;
        if (isNewline(current())) {
            newline();
        }
        while (true) {
            switch (current()) {
                case EOZ -> throw error(string ? "unfinished long string" : "unfinished long comment", EOS);
                case ']' -> {
                    if (separator() == sep) {
                        pos++;
                        textEnd = pos;
                        return;
                    }
                }
                case '\n', '\r' -> newline();
                default -> pos++;
            }
        }
    }

    private void shortString(int delimiter) {
        textInBuffer = true;
        buffer.reset();
        buffer.add(delimiter);
        pos++;
        while (current() != delimiter) {
            int c = current();
            if (c == EOZ) {
                throw error("unfinished string", EOS);
            }
            if (isNewline(c)) {
                throw error("unfinished string", STRING);
            }
            pos++;
            if (c == '\\') {
                escape();
            } else {
                buffer.add(c);
            }
        }
        buffer.add(delimiter);
        pos++;
    }

    /** After a backslash in a string. */
    private void escape() {
        int c = current();
        switch (c) {
            case 'a' -> simpleEscape(7);
            case 'b' -> simpleEscape('\b');
            case 'f' -> simpleEscape('\f');
            case 'n' -> simpleEscape('\n');
            case 'r' -> simpleEscape('\r');
            case 't' -> simpleEscape('\t');
            case 'v' -> simpleEscape(0x0b);
            case '\\', '"', '\'' -> simpleEscape(c);
            case 'x' -> {
                pos++;
                int high = current();
                if (!isHexDigit(high)) {
                    throw escapeError("hexadecimal digit expected", 'x', high);
                }
                pos++;
                int low = current();
                if (!isHexDigit(low)) {
                    throw escapeError("hexadecimal digit expected", 'x', high, low);
                }
                pos++;
                buffer.add(Character.digit(high, 16) * 16 + Character.digit(low, 16));
            }
            case '\n', '\r' -> {
                newline();
                buffer.add('\n');
            }
            case EOZ -> buffer.add('\\'); // the loop then reports the unfinished string at <eof>
            case 'z' -> {
                pos++;
                while (isSpace(current())) {
                    if (isNewline(current())) {
                        newline();
                    } else {
                        pos++;
                    }
                }
            }
            default -> {
                if (!isDigit(c)) {
                    throw escapeError("invalid escape sequence", c);
                }
                int value = 0;
                int[] digits = new int[3];
                int n = 0;
                while (n < 3 && isDigit(current())) {
                    digits[n++] = current();
                    value = value * 10 + current() - '0';
                    pos++;
                }
                if (value > 255) {
                    throw escapeError("decimal escape too large", Arrays.copyOf(digits, n));
                }
                buffer.add(value);
            }
        }
    }

    private void simpleEscape(int value) {
        pos++;
        buffer.add(value);
    }

    /** 5.2 shows a bad escape as its backslash and the characters read: {@code near '\q'}. */
    private LuaSyntaxError escapeError(String message, int... read) {
        buffer.reset();
        buffer.add('\\');
        for (int c : read) {
            if (c != EOZ) {
                buffer.add(c);
            }
        }
        textInBuffer = true;
        return error(message, STRING);
    }

    /**
     * A numeral as 5.2 scans it: digits, hexadecimal digits and dots, an exponent mark ({@code e}, or {@code p}
     * after {@code 0x}) with an optional sign; then the whole text must be a number ({@code 0x}, {@code 1e},
     * {@code 3a}, {@code 1..2} are malformed).
     */
    private void numeral() {
        int first = current();
        pos++;
        boolean hex = first == '0' && (current() == 'x' || current() == 'X');
        if (hex) {
            pos++;
        }
        while (true) {
            int c = current();
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E') {
                pos++;
                if (current() == '+' || current() == '-') {
                    pos++;
                }
            }
            c = current();
            if (isHexDigit(c) || c == '.') {
                pos++;
            } else {
                break;
            }
        }
        textEnd = pos;
        String text = new String(src, textStart, pos - textStart, StandardCharsets.ISO_8859_1);
        boolean valid = text.indexOf('x') >= 0 || text.indexOf('X') >= 0 ? HEXADECIMAL.matcher(text).matches()
                : DECIMAL.matcher(text).matches();
        if (!valid) {
            throw error("malformed number", NUMBER);
        }
    }
}
