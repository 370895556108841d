package io.github.luaactor.core.internal.vm;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code ctx} table, with {@code msg} and {@code state} held in fields rather than hash slots.
 * <p>
 * Why: a handler reads {@code ctx.msg} and {@code ctx.state} on nearly every message and the actor writes
 * {@code ctx.msg} before each one; in LuaJ each of those is a hash walk through interface-typed slots, which made up
 * a large share of a short handler's cost. To Lua the table behaves as before: {@code rawget}, {@code rawset},
 * assignment, {@code next} and {@code pairs} see the two keys like any other (they come last in a traversal).
 */
final class CtxTable extends LuaTable {
    static final LuaString MSG = LuaString.valueOf("msg");
    static final LuaString STATE = LuaString.valueOf("state");
    private static final int MSG_FIELD = 1;
    private static final int STATE_FIELD = 2;

    private LuaValue msg = NIL;
    private LuaValue state = NIL;

    CtxTable(int hashSize) {
        super(0, hashSize);
    }

    /** Sets {@code ctx.msg} (the actor does, before each turn). */
    void message(LuaValue value) {
        msg = value;
    }

    @Override
    protected LuaValue hashget(LuaValue key) {
        return switch (fieldOf(key)) {
            case MSG_FIELD -> msg;
            case STATE_FIELD -> state;
            default -> super.hashget(key);
        };
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        switch (fieldOf(key)) {
            case MSG_FIELD -> msg = value;
            case STATE_FIELD -> state = value;
            default -> super.hashset(key, value);
        }
    }

    /** The hash slots first, then {@code state}, then {@code msg}, each only when not nil. */
    @Override
    public Varargs next(LuaValue key) {
        return switch (fieldOf(key)) {
            case MSG_FIELD -> NIL;
            case STATE_FIELD -> afterState();
            default -> {
                Varargs next = super.next(key);
                if (!next.arg1().isnil()) {
                    yield next;
                }
                yield state.isnil() ? afterState() : varargsOf(STATE, state);
            }
        };
    }

    /** Which field holds {@code key}'s value: {@link #MSG_FIELD}, {@link #STATE_FIELD} or 0 (a hash slot). */
    private static int fieldOf(LuaValue key) {
        if (key instanceof LuaString s) {
            if (s.raweq(MSG)) {
                return MSG_FIELD;
            }
            if (s.raweq(STATE)) {
                return STATE_FIELD;
            }
        }
        return 0;
    }

    private Varargs afterState() {
        return msg.isnil() ? NIL : varargsOf(MSG, msg);
    }
}
