package io.github.luaactor.core.internal;

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

    private LuaValue msg = NIL;
    private LuaValue state = NIL;

    CtxTable(int hashSize) {
        super(0, hashSize);
    }

    LuaValue message() {
        return msg;
    }

    void message(LuaValue value) {
        msg = value;
    }

    @Override
    protected LuaValue hashget(LuaValue key) {
        if (key instanceof LuaString s) {
            if (s.raweq(MSG)) {
                return msg;
            }
            if (s.raweq(STATE)) {
                return state;
            }
        }
        return super.hashget(key);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        if (key instanceof LuaString s) {
            if (s.raweq(MSG)) {
                msg = value;
                return;
            }
            if (s.raweq(STATE)) {
                state = value;
                return;
            }
        }
        super.hashset(key, value);
    }

    /** The hash slots first, then {@code state}, then {@code msg}, each only when not nil. */
    @Override
    public Varargs next(LuaValue key) {
        if (key instanceof LuaString s) {
            if (s.raweq(MSG)) {
                return NIL;
            }
            if (s.raweq(STATE)) {
                return afterState();
            }
        }
        Varargs next = super.next(key);
        if (!next.arg1().isnil()) {
            return next;
        }
        return state.isnil() ? afterState() : varargsOf(STATE, state);
    }

    private Varargs afterState() {
        return msg.isnil() ? NIL : varargsOf(MSG, msg);
    }
}
