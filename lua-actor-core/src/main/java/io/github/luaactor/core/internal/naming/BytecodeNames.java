package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.LocVars;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Names what a register holds at an instruction of a compiled Lua 5.2 function, from the function's public parts
 * (code, constants, upvalue names, local variables with the pcs where each is active): an active local, else what
 * the instruction that last wrote the register read (a global or a field with a constant key, an upvalue, a method
 * looked up by {@code SELF}, a string constant, or another register it copied). Null when the value has no name (a
 * call's result, an expression), as Lua 5.2 gives none.
 * <p>
 * Written from the instruction set (formats and opcodes of the Lua 5.2 virtual machine), not from any
 * implementation.
 */
public final class BytecodeNames {
    private static final String ENV = "_ENV";
    /** A chain of register copies is followed only so far (each copy reads a lower register, so it ends anyway). */
    private static final int MAX_COPIES = 64;

    private BytecodeNames() {
    }

    /** The name of register {@code register} as instruction {@code pc} of {@code p} reads it, or null. */
    public static VariableName ofRegister(Prototype p, int pc, int register) {
        return ofRegister(p, pc, register, MAX_COPIES);
    }

    /** The name of an RK operand (a register, or a constant, which has no name) at {@code pc}, or null. */
    public static VariableName ofRk(Prototype p, int pc, int rk) {
        return Lua.ISK(rk) ? null : ofRegister(p, pc, rk);
    }

    /** Upvalue {@code index} of {@code p}, named as its descriptor says ({@code ?} when the chunk has no names). */
    public static VariableName ofUpvalue(Prototype p, int index) {
        return new VariableName(VariableName.UPVALUE, upvalueName(p, index));
    }

    /** The name of the local variable held in {@code register} while {@code pc} runs, or null when none is. */
    public static String activeLocal(Prototype p, int register, int pc) {
        LocVars[] locals = p.locvars;
        if (locals == null) {
            return null;
        }
        // Locals take the registers from 0 up in the order they became active: the n-th one active at pc is in n.
        int n = 0;
        for (LocVars local : locals) {
            if (local == null || local.startpc > pc) {
                // Declared in order of their start: none after this one is active yet.
                break;
            }
            if (pc < local.endpc) {
                if (n == register) {
                    return local.varname == null ? null : local.varname.tojstring();
                }
                n++;
            }
        }
        return null;
    }

    private static VariableName ofRegister(Prototype p, int pc, int register, int copies) {
        String local = activeLocal(p, register, pc);
        if (local != null) {
            return new VariableName(VariableName.LOCAL, local);
        }
        int setter = RegisterWrites.lastWriter(p.code, pc, register);
        if (setter < 0) {
            return null;
        }
        int i = p.code[setter];
        return switch (Lua.GET_OPCODE(i)) {
            case Lua.OP_MOVE -> Lua.GETARG_B(i) < Lua.GETARG_A(i) && copies > 0
                    ? ofRegister(p, setter, Lua.GETARG_B(i), copies - 1) : null;
            case Lua.OP_GETTABUP -> new VariableName(ENV.equals(upvalueName(p, Lua.GETARG_B(i)))
                    ? VariableName.GLOBAL : VariableName.FIELD, keyName(p, setter, Lua.GETARG_C(i)));
            case Lua.OP_GETTABLE -> new VariableName(ENV.equals(activeLocal(p, Lua.GETARG_B(i), setter))
                    ? VariableName.GLOBAL : VariableName.FIELD, keyName(p, setter, Lua.GETARG_C(i)));
            case Lua.OP_GETUPVAL -> ofUpvalue(p, Lua.GETARG_B(i));
            case Lua.OP_LOADK -> constantName(p, Lua.GETARG_Bx(i));
            case Lua.OP_LOADKX -> setter + 1 < p.code.length ? constantName(p, Lua.GETARG_Ax(p.code[setter + 1]))
                    : null;
            case Lua.OP_SELF -> register == Lua.GETARG_A(i)
                    ? new VariableName(VariableName.METHOD, keyName(p, setter, Lua.GETARG_C(i))) : null;
            default -> null;
        };
    }

    /** A table key as the message shows it: a constant string, or a register holding one; else {@code ?}. */
    private static String keyName(Prototype p, int pc, int rk) {
        if (Lua.ISK(rk)) {
            LuaValue key = constant(p, Lua.INDEXK(rk));
            return key != null && key.type() == LuaValue.TSTRING ? key.tojstring() : "?";
        }
        VariableName held = ofRegister(p, pc, rk, 1);
        return held != null && VariableName.CONSTANT.equals(held.kind()) ? held.name() : "?";
    }

    private static VariableName constantName(Prototype p, int index) {
        LuaValue value = constant(p, index);
        return value != null && value.type() == LuaValue.TSTRING
                ? new VariableName(VariableName.CONSTANT, value.tojstring()) : null;
    }

    private static LuaValue constant(Prototype p, int index) {
        return p.k != null && index >= 0 && index < p.k.length ? p.k[index] : null;
    }

    static String upvalueName(Prototype p, int index) {
        if (p.upvalues == null || index < 0 || index >= p.upvalues.length || p.upvalues[index] == null) {
            return "?";
        }
        LuaString name = p.upvalues[index].name;
        return name == null ? "?" : name.tojstring();
    }
}
