package io.github.luaactor.core.internal.syntax;

/**
 * The first syntax error of a chunk, as Lua 5.2 reports it: the line the parser stood on and the message without the
 * chunk's name ({@code 'end' expected (to close 'function' at line 3) near <eof>}). The caller adds the chunk name,
 * which it shows in its own way.
 */
public final class LuaSyntaxError extends RuntimeException {
    private final int line;
    private final String reason;

    LuaSyntaxError(int line, String reason) {
        super(line + ": " + reason, null, false, false);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    /** The message after {@code chunk:line: }. */
    public String reason() {
        return reason;
    }

    /** The whole message as Lua 5.2 gives it: {@code chunk:line: reason}. */
    public String message(String shownChunk) {
        return shownChunk + ":" + line + ": " + reason;
    }
}
