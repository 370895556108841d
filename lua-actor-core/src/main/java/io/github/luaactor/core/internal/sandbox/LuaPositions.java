package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Prototype;

/**
 * {@code chunk:line} positions and tracebacks from a light call stack (the budget hook's), formatted as the
 * interpreter formats them, so that errors read the same whichever way a handler ran.
 */
public final class LuaPositions {
    private LuaPositions() {
    }

    /** The source line of instruction {@code pc} of {@code p}, or 0 when the chunk has no line for it. */
    public static int lineAt(Prototype p, int pc) {
        return p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : 0;
    }

    static String at(Prototype p, int pc) {
        return p.source.tojstring() + ":" + lineAt(p, pc);
    }

    /**
     * The position in the innermost Lua function of {@code stack} (its top frame runs instruction {@code pc}, each
     * frame below waits at its entry in {@code pcs}), or null when no Lua function is on the stack.
     */
    static String innermost(LuaFunction[] stack, int[] pcs, int depth, int pc) {
        for (int i = depth - 1; i >= 0; i--) {
            if (stack[i] instanceof LuaClosure closure) {
                return at(closure.p, i == depth - 1 ? pc : pcs[i]);
            }
        }
        return null;
    }

    /**
     * The frames a traceback lists of a deep stack, innermost first, as many as Lua 5.2's {@code luaL_traceback}
     * lists (it adds the outermost ten, which a compiled handler's stack segments do not show, so neither mode does).
     */
    public static final int TRACEBACK_LEVELS = 22;

    /** Lua's {@code stack traceback:} text, innermost frame first. */
    static String traceback(LuaFunction[] stack, int[] pcs, int depth, int pc) {
        StringBuilder sb = new StringBuilder("stack traceback:");
        for (int i = depth - 1; i >= 0; i--) {
            if (i == depth - 1 - TRACEBACK_LEVELS) {
                // A deep stack's further frames are left out, so that an error costs no more to describe.
                sb.append("\n\t...");
                break;
            }
            if (stack[i] instanceof LuaClosure closure) {
                Prototype p = closure.p;
                int at = i == depth - 1 ? pc : pcs[i];
                int line = p.lineinfo != null && at >= 0 && at < p.lineinfo.length ? p.lineinfo[at] : p.linedefined;
                sb.append("\n\t").append(p.source.tojstring()).append(':').append(line)
                        .append(p.linedefined == 0 ? ": in main chunk" : ": in function <" + p.source.tojstring()
                                + ':' + p.linedefined + '>');
            } else {
                sb.append("\n\t[Java]: in ").append(stack[i].name());
            }
        }
        return sb.toString();
    }
}
