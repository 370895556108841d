package io.github.luaactor.core;

/**
 * An actor's Lua values would hold more than its memory limit, or the JVM's heap is nearly full. The handler (or
 * the send) that met the limit fails; the actor lives on unless its supervision policy or the heap guard stops it.
 * The sizes are the runtime's estimates, described with their precision in docs/security.md.
 */
public class MemoryLimitExceededException extends LuaActorException {
    private final String chunk;
    private final int line;
    private final long limit;
    private final long size;

    public MemoryLimitExceededException(String actor, String detail, String chunk, int line, long limit, long size) {
        super(actor, "Lua actor '" + actor + "'" + (chunk == null ? "" : ", " + chunk + (line > 0 ? ":" + line : ""))
                + ": " + detail);
        this.chunk = chunk;
        this.line = line;
        this.limit = limit;
        this.size = size;
    }

    /** The script the failing handler ran, or null when no handler ran (the heap guard refused a send). */
    public String chunk() {
        return chunk;
    }

    /** The line running when the limit was met, or 0. */
    public int line() {
        return line;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** The estimated size in bytes that exceeded it. */
    public long size() {
        return size;
    }
}
