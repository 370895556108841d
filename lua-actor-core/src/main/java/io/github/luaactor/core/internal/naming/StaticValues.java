package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * What can be told, without the registers, about the type of a register of a compiled function when an instruction
 * failed: the instruction that wrote it loaded a constant, a new table or a closure; or it read a global (or a
 * field of one) by a constant name with nothing run in between that could have changed it, so the global's value
 * now is the one read. Reading runs no Lua code: a table's {@code __index} is followed only when it is a table.
 */
final class StaticValues {
    private static final String ENV = "_ENV";
    /** Reading it would create the VM's coroutine library, which an error message must not do. */
    private static final LuaValue COROUTINE = LuaValue.valueOf("coroutine");
    private static final int MAX_DEPTH = 8;

    private final Prototype p;
    private final LuaValue globals;

    StaticValues(Prototype p, LuaValue globals) {
        this.p = p;
        this.globals = globals;
    }

    /** Whether register {@code r} may hold a value of {@code type} when instruction {@code pc} runs. */
    boolean mayHaveType(int pc, int r, String type) {
        Known known = known(pc, r, MAX_DEPTH);
        return known == null || known.type().equals(type);
    }

    /**
     * Whether upvalue {@code index} may hold a value of {@code type}: {@code _ENV}, through which globals are read,
     * is the actor's globals table.
     */
    boolean upvalueMayHaveType(int index, String type) {
        return !ENV.equals(BytecodeNames.upvalueName(p, index)) || globals == null || "table".equals(type);
    }

    private Known known(int pc, int r, int depth) {
        if (depth == 0 || captured(r)) {
            // A local that a closure captured may be changed by any call, with no instruction here writing it.
            return null;
        }
        int setter = RegisterWrites.lastWriter(p.code, pc, r);
        if (setter < 0) {
            return null;
        }
        int i = p.code[setter];
        return switch (Lua.GET_OPCODE(i)) {
            case Lua.OP_LOADK -> Known.of(constant(Lua.GETARG_Bx(i)));
            case Lua.OP_LOADNIL -> Known.of(LuaValue.NIL);
            case Lua.OP_LOADBOOL, Lua.OP_NOT -> Known.of(LuaValue.FALSE);
            case Lua.OP_NEWTABLE -> new Known("table", null);
            case Lua.OP_CLOSURE -> new Known("function", null);
            case Lua.OP_MOVE -> nothingRunsBetween(setter, pc) ? known(setter, Lua.GETARG_B(i), depth - 1) : null;
            case Lua.OP_GETTABUP -> ENV.equals(BytecodeNames.upvalueName(p, Lua.GETARG_B(i))) && globals != null
                    && nothingRunsBetween(setter, pc) ? field(globals, Lua.GETARG_C(i)) : null;
            case Lua.OP_GETTABLE -> {
                Known table = nothingRunsBetween(setter, pc) ? known(setter, Lua.GETARG_B(i), depth - 1) : null;
                yield table == null || table.value() == null ? null : field(table.value(), Lua.GETARG_C(i));
            }
            default -> null;
        };
    }

    /** {@code table[k]} for a constant key, as a read would give it without running code, or null if unknown. */
    private Known field(LuaValue table, int rk) {
        if (!Lua.ISK(rk)) {
            return null;
        }
        LuaValue key = constant(Lua.INDEXK(rk));
        if (key == null || key.isnil() || table == globals && key.raweq(COROUTINE)) {
            return null;
        }
        LuaValue at = table;
        for (int hops = 0; hops < MAX_DEPTH; hops++) {
            if (!(at instanceof LuaTable t)) {
                return null;
            }
            LuaValue value = t.rawget(key);
            if (!value.isnil()) {
                return Known.of(value);
            }
            LuaValue meta = t.getmetatable();
            LuaValue index = meta == null ? LuaValue.NIL : meta.rawget(LuaValue.INDEX);
            if (index.isnil()) {
                return Known.of(LuaValue.NIL);
            }
            at = index;
        }
        return null;
    }

    /** Whether every instruction strictly between {@code from} and {@code to} only moves or loads values. */
    private boolean nothingRunsBetween(int from, int to) {
        for (int pc = from + 1; pc < to; pc++) {
            switch (Lua.GET_OPCODE(p.code[pc])) {
                case Lua.OP_MOVE, Lua.OP_LOADK, Lua.OP_LOADKX, Lua.OP_LOADBOOL, Lua.OP_LOADNIL, Lua.OP_GETUPVAL,
                        Lua.OP_NEWTABLE, Lua.OP_CLOSURE, Lua.OP_EXTRAARG, Lua.OP_NOT -> {
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a function nested in {@code p} keeps register {@code r} as an upvalue. */
    private boolean captured(int r) {
        if (p.p == null) {
            return false;
        }
        for (Prototype nested : p.p) {
            if (nested != null && nested.upvalues != null) {
                for (var upvalue : nested.upvalues) {
                    if (upvalue != null && upvalue.instack && upvalue.idx == r) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private LuaValue constant(int index) {
        return p.k != null && index >= 0 && index < p.k.length ? p.k[index] : null;
    }

    /** A register's type, and its value when that is known too (null: only the type). */
    private record Known(String type, LuaValue value) {
        static Known of(LuaValue value) {
            return value == null ? null : new Known(value.typename(), value);
        }
    }
}
