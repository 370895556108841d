package io.github.luaactor.core.internal.interp;

import java.lang.invoke.VarHandle;

import io.github.luaactor.core.internal.stdlib.LuaErrorFields;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Gives an error leaving an interpreted function its {@code chunk:line} and traceback, in LuaJ's protected fields
 * where the rest of the runtime (and LuaJ's {@code getMessage}) reads them: the innermost Lua function positions
 * an error, so a function an error only passes through leaves it as it is.
 */
final class ErrorPosition {
    private static final VarHandle FILELINE = LuaErrorFields.FILELINE;
    private static final VarHandle TRACEBACK = LuaErrorFields.TRACEBACK;
    private static final VarHandle LEVEL = LuaErrorFields.LEVEL;

    private ErrorPosition() {
    }

    static boolean hasTraceback(LuaError error) {
        return TRACEBACK.get(error) != null;
    }

    /** Positions {@code error} at instruction {@code pc} of {@code p}, and records the traceback from there. */
    static void place(LuaError error, Prototype p, int pc, Globals vm) {
        String chunk = p.source != null ? p.source.tojstring() : "?";
        String line = p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? String.valueOf(p.lineinfo[pc]) : "?";
        FILELINE.set(error, chunk + ":" + line);
        TRACEBACK.set(error, traceback(error.getMessage(), (int) LEVEL.get(error), vm));
    }

    /** The message with the hook's traceback, or what a message handler the thread has set makes of it. */
    private static String traceback(String message, int level, Globals vm) {
        if (vm == null) {
            return message;
        }
        LuaThread running = vm.running;
        LuaValue handler = running != null ? running.errorfunc : null;
        if (handler == null) {
            return vm.debuglib != null ? message + "\n" + vm.debuglib.traceback(level) : message;
        }
        running.errorfunc = null;
        try {
            return handler.call(LuaValue.valueOf(message)).tojstring();
        } catch (RuntimeException failed) {
            return "error in error handling";
        } finally {
            running.errorfunc = handler;
        }
    }
}
