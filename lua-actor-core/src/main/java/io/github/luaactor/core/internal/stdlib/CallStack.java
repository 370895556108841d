package io.github.luaactor.core.internal.stdlib;

import io.github.luaactor.core.internal.naming.Lua52Messages;
import org.luaj.vm2.LuaFunction;

/**
 * The call stack of the Lua code running on this thread, as far as the sandbox's library functions need it: where a
 * level-n {@code error} points, and the frames {@code pcall} adds (Lua counts a protected call as a level).
 */
public interface CallStack {
    /** Pushes a library function that calls back into Lua code. */
    void onCall(LuaFunction f);

    /** Pops what {@link #onCall} pushed. */
    void onReturn();

    /**
     * {@code chunk:line} of the function at {@code level} (1: the Lua function that called the library function),
     * or null when that level is a Java function or beyond the stack, which in Lua has no position either.
     */
    String where(int level);

    /**
     * LuaJ's {@code message} (without position) of an error the interpreter first positioned at {@code fileline}
     * (null: none), in Lua 5.2's words: with the failing operand's name where the call stack saw it fail.
     */
    default String lua52Message(String fileline, String message) {
        return Lua52Messages.reword(message, null);
    }
}
