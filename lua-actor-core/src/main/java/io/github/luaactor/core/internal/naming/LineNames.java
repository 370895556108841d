package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.LuaValue;

/**
 * Names the operand that failed in compiled code, where only the source line of the failure is known: the
 * instructions on that line that can raise the error LuaJ reported are the candidates, minus those whose operand
 * cannot have the reported type ({@link StaticValues}: a constant, a new table, a global holding a table now). Exactly
 * one candidate left gives its operand's name; none or several give no name, never a guess.
 */
final class LineNames {
    private LineNames() {
    }

    /** The name of the operand of {@code failure} at {@code line} of {@code p}, or null. */
    static VariableName nameAt(Prototype p, int line, LuajMessage failure, LuaValue globals) {
        if (p.lineinfo == null) {
            return null;
        }
        StaticValues values = new StaticValues(p, globals);
        VariableName found = null;
        int candidates = 0;
        for (int pc = 0; pc < p.code.length && pc < p.lineinfo.length; pc++) {
            if (p.lineinfo[pc] != line || FailureKind.of(Lua.GET_OPCODE(p.code[pc])) != failure.kind()) {
                continue;
            }
            Operand operand = operand(p, pc, failure, values);
            if (operand == Operand.NONE) {
                continue;
            }
            if (operand == Operand.MANY || ++candidates > 1) {
                return null;
            }
            found = operand.name();
        }
        return found;
    }

    /** The operand of instruction {@code pc} that may have failed as {@code failure} says. */
    private static Operand operand(Prototype p, int pc, LuajMessage failure, StaticValues values) {
        int i = p.code[pc];
        int a = Lua.GETARG_A(i);
        int b = Lua.GETARG_B(i);
        int c = Lua.GETARG_C(i);
        String type = failure.type();
        return switch (Lua.GET_OPCODE(i)) {
            case Lua.OP_GETTABLE, Lua.OP_SELF -> failure.store() ? Operand.NONE : register(p, pc, b, type, values);
            case Lua.OP_SETTABLE -> failure.store() ? register(p, pc, a, type, values) : Operand.NONE;
            case Lua.OP_GETTABUP -> failure.store() ? Operand.NONE : upvalue(p, b, type, values);
            case Lua.OP_SETTABUP -> failure.store() ? upvalue(p, a, type, values) : Operand.NONE;
            case Lua.OP_CALL, Lua.OP_TAILCALL -> register(p, pc, a, type, values);
            case Lua.OP_UNM, Lua.OP_LEN -> register(p, pc, b, type, values);
            case Lua.OP_ADD, Lua.OP_SUB, Lua.OP_MUL, Lua.OP_DIV, Lua.OP_MOD, Lua.OP_POW -> failure.unary()
                    ? Operand.NONE : rk(p, pc, failure.leftFailed() ? b : c, type, values);
            case Lua.OP_CONCAT -> concatenation(p, pc, b, c, failure, values);
            default -> Operand.NONE;
        };
    }

    /**
     * LuaJ joins from the right and reports the first pair that fails: its left operand when that is not a string or
     * number (any of {@code R(b)} to {@code R(c-1)} then), else the last operand.
     */
    private static Operand concatenation(Prototype p, int pc, int b, int c, LuajMessage failure,
            StaticValues values) {
        if (!failure.leftFailed()) {
            return register(p, pc, c, failure.type(), values);
        }
        Operand found = Operand.NONE;
        for (int r = b; r < c; r++) {
            Operand operand = register(p, pc, r, failure.type(), values);
            if (operand != Operand.NONE) {
                if (found != Operand.NONE) {
                    return Operand.MANY;
                }
                found = operand;
            }
        }
        return found;
    }

    private static Operand register(Prototype p, int pc, int r, String type, StaticValues values) {
        return values.mayHaveType(pc, r, type) ? Operand.of(BytecodeNames.ofRegister(p, pc, r)) : Operand.NONE;
    }

    private static Operand rk(Prototype p, int pc, int rk, String type, StaticValues values) {
        if (Lua.ISK(rk)) {
            LuaValue constant = p.k[Lua.INDEXK(rk)];
            return constant.typename().equals(type) ? Operand.of(null) : Operand.NONE;
        }
        return register(p, pc, rk, type, values);
    }

    private static Operand upvalue(Prototype p, int index, String type, StaticValues values) {
        return values.upvalueMayHaveType(index, type) ? Operand.of(BytecodeNames.ofUpvalue(p, index)) : Operand.NONE;
    }

    /**
     * A candidate operand and its name (null: it has none); or one of the two markers, compared by identity: no
     * candidate in an instruction, or more than one.
     */
    private static final class Operand {
        static final Operand NONE = new Operand(null);
        static final Operand MANY = new Operand(null);

        private final VariableName name;

        private Operand(VariableName name) {
            this.name = name;
        }

        static Operand of(VariableName name) {
            return new Operand(name);
        }

        VariableName name() {
            return name;
        }
    }
}
