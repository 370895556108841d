package io.github.luaactor.core.internal.sandbox;

import java.io.InputStream;

import org.luaj.vm2.LuaError;

/**
 * The bytes of a Lua source for LuaJ's compiler, which must not read past their end for ever. LuaJ 3.0.1's lexer
 * treats the end-of-input marker as white space when it skips the white space after a {@code \z} escape, so a chunk
 * that ends inside a string right after {@code \z} (and optional white space) made it loop without end, holding its
 * thread for good. A lexer that has seen the end once needs it a few more times at most; past
 * {@value #READS_AFTER_END} reads this stream raises the error the reference Lua gives, at the last line.
 */
public final class SourceStream extends InputStream {
    /** Reads of the end marker a terminating lexer makes; far more than LuaJ's look-ahead needs. */
    static final int READS_AFTER_END = 64;

    private final byte[] bytes;
    private final String chunkName;
    private int pos;
    private int line = 1;
    private int readsAfterEnd;

    public SourceStream(byte[] bytes, String chunkName) {
        this.bytes = bytes;
        this.chunkName = chunkName;
    }

    @Override
    public int read() {
        if (pos < bytes.length) {
            int b = bytes[pos++] & 0xff;
            if (b == '\n') {
                line++;
            }
            return b;
        }
        if (++readsAfterEnd > READS_AFTER_END) {
            throw new LuaError(displayName(chunkName) + ":" + line + ": unfinished string near <eof>");
        }
        return -1;
    }

    /** The chunk name as LuaJ's compiler shows it in its messages (and so the syntax checker, for scripts). */
    public static String displayName(String chunkName) {
        if (chunkName.startsWith("=") || chunkName.startsWith("@")) {
            return chunkName.substring(1);
        }
        return "[string \"" + chunkName + "\"]";
    }
}
