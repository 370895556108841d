package io.github.luaactor.core;

/**
 * A Lua script failed to compile or raised an error while running. Names the actor, the chunk (script file or
 * hook) and the line where Lua reported it; {@link #luaMessage()} is what Lua's {@code error} carried.
 */
public class LuaScriptException extends LuaActorException {
    private final String chunk;
    private final int line;
    private final String luaMessage;
    private final String luaTraceback;

    public LuaScriptException(String actor, String chunk, int line, String luaMessage, String luaTraceback) {
        this(actor, chunk, line, luaMessage, luaTraceback, null);
    }

    public LuaScriptException(String actor, String chunk, int line, String luaMessage, String luaTraceback,
            Throwable cause) {
        super(actor, describe(actor, chunk, line, luaMessage), cause);
        this.chunk = chunk;
        this.line = line;
        this.luaMessage = luaMessage;
        this.luaTraceback = luaTraceback;
    }

    private static String describe(String actor, String chunk, int line, String luaMessage) {
        StringBuilder sb = new StringBuilder("Lua actor '").append(actor).append("'");
        if (chunk != null) {
            sb.append(", ").append(chunk);
            if (line > 0) {
                sb.append(':').append(line);
            }
        }
        return sb.append(": ").append(luaMessage).toString();
    }

    /** The chunk name: the script's file name, or {@code <actor>:<hook>} for inline source. */
    public String chunk() {
        return chunk;
    }

    /** The line Lua reported, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Lua's own error message, without the actor prefix. */
    public String luaMessage() {
        return luaMessage;
    }

    /** Lua's traceback when one was available, else the message with its position. */
    public String luaTraceback() {
        return luaTraceback;
    }
}
