package io.github.luaactor.core.internal.vm;

import java.util.Set;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Whether a handler may wait for another actor's reply, judged from its compiled chunk: a handler that waits names
 * {@code ctx.send} ({@code ctx.send(...)}, {@code ctx:send}, {@code local s = ctx.send} all put the string
 * {@code "send"} among the constants of some function of the chunk), or reaches code the chunk does not contain
 * ({@code require}, {@code load}, {@code dofile}). A handler that cannot wait runs a {@code send} from a plain
 * Java thread on that thread without making it wait longer than the handler's own time budget.
 * <p>
 * Conservative by construction: any field named {@code send} counts, and a false "may wait" only costs the
 * thread hand-off the dispatcher path makes anyway. What it cannot see (a key built at run time, such as
 * {@code ctx["se" .. "nd"]}) is caught when it happens ({@code Suspension}) and marks the actor as waiting.
 */
public final class WaitScan {
    private static final Set<LuaString> WAITING_NAMES = Set.of(LuaString.valueOf("send"),
            LuaString.valueOf("require"), LuaString.valueOf("load"), LuaString.valueOf("loadstring"),
            LuaString.valueOf("dofile"), LuaString.valueOf("loadfile"));

    private WaitScan() {
    }

    /** True when {@code chunk} (null: no handler) names anything through which a handler could wait. */
    public static boolean mayWait(Prototype chunk) {
        if (chunk == null) {
            return false;
        }
        for (LuaValue constant : chunk.k) {
            if (constant instanceof LuaString s && WAITING_NAMES.contains(s)) {
                return true;
            }
        }
        if (chunk.p != null) {
            for (Prototype nested : chunk.p) {
                if (mayWait(nested)) {
                    return true;
                }
            }
        }
        return false;
    }
}
