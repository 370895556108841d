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
    /*
     * The functions (and the log table) are put in on first use, so an actor that never calls one holds none: they
     * were a quarter of an idle actor. Bit i of made: entry i (CtxLibrary.keyOf(i)) is in the hash part, or the
     * script set that key (so a removed function stays removed). Lua cannot tell: every read, rawget and traversal
     * puts the entry in first. Only the VM's thread touches the table.
     */
    private final String actor;
    private final CtxOperations operations;
    private int made;

    CtxTable(int hashSize, String actor, CtxOperations operations) {
        super(0, hashSize);
        this.actor = actor;
        this.operations = operations;
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
            default -> {
                LuaValue value = super.hashget(key);
                if (value.isnil() && made != CtxLibrary.ALL_ENTRIES) {
                    int entry = CtxLibrary.entryOf(key);
                    if (entry >= 0 && (made & (1 << entry)) == 0) {
                        yield make(entry);
                    }
                }
                yield value;
            }
        };
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        switch (fieldOf(key)) {
            case MSG_FIELD -> msg = value;
            case STATE_FIELD -> state = value;
            default -> {
                if (made != CtxLibrary.ALL_ENTRIES) {
                    int entry = CtxLibrary.entryOf(key);
                    if (entry >= 0) {
                        made |= 1 << entry;
                    }
                }
                super.hashset(key, value);
            }
        }
    }

    private LuaValue make(int entry) {
        LuaValue value = CtxLibrary.make(entry, actor, operations);
        made |= 1 << entry;
        super.hashset(CtxLibrary.keyOf(entry), value);
        return value;
    }

    /** The hash slots first, then {@code state}, then {@code msg}, each only when not nil. */
    @Override
    public Varargs next(LuaValue key) {
        if (made != CtxLibrary.ALL_ENTRIES) {
            // A traversal sees every entry, as if all had been there from the start.
            for (int entry = 0; entry < CtxLibrary.ENTRY_COUNT; entry++) {
                if ((made & (1 << entry)) == 0) {
                    make(entry);
                }
            }
        }
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
