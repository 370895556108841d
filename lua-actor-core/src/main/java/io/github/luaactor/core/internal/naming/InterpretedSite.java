package io.github.luaactor.core.internal.naming;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;

/**
 * The interpreted instruction an error was first seen at, with its frame's registers (which nothing writes any more:
 * the frame is unwinding), kept until the error's message is written. The registers tell which operand failed and
 * confirm that it did: its type must be the one LuaJ's message names, else the error came from elsewhere (a library
 * function the instruction called) and gets no name.
 *
 * @param fileline  {@code chunk:line} as the interpreter positions the error
 * @param closure   the function running the instruction
 * @param pc        the instruction
 * @param registers the frame's registers
 */
public record InterpretedSite(String fileline, LuaClosure closure, int pc, LuaValue[] registers) {

    /**
     * The site of an error raised while {@code running} ran instruction {@code pc}, or null when that is not a Lua
     * function or not an instruction whose operand Lua 5.2 names (then nothing is kept).
     */
    public static InterpretedSite of(LuaFunction running, int pc, LuaValue[] registers) {
        if (!(running instanceof LuaClosure closure) || registers == null) {
            return null;
        }
        Prototype p = closure.p;
        if (pc < 0 || pc >= p.code.length || FailureKind.of(Lua.GET_OPCODE(p.code[pc])) == null) {
            return null;
        }
        String line = p.lineinfo != null && pc < p.lineinfo.length ? String.valueOf(p.lineinfo[pc]) : "?";
        return new InterpretedSite((p.source != null ? p.source.tojstring() : "?") + ":" + line, closure, pc,
                registers);
    }

    /** Lua 5.2's message for a store of a nil or NaN key here, or null when this is no such store. */
    String invalidKey() {
        int i = closure.p.code[pc];
        int op = Lua.GET_OPCODE(i);
        return op == Lua.OP_SETTABLE || op == Lua.OP_SETTABUP ? InvalidKeys.message(rk(Lua.GETARG_B(i))) : null;
    }

    /** Lua 5.2's message for {@code failure} raised here, or null when this instruction did not raise it. */
    String describe(LuajMessage failure) {
        Prototype p = closure.p;
        int i = p.code[pc];
        int op = Lua.GET_OPCODE(i);
        if (FailureKind.of(op) != failure.kind()) {
            return null;
        }
        int a = Lua.GETARG_A(i);
        int b = Lua.GETARG_B(i);
        int c = Lua.GETARG_C(i);
        return switch (op) {
            case Lua.OP_GETTABLE, Lua.OP_SELF -> index(failure, false, register(b), BytecodeNames.ofRegister(p, pc, b));
            case Lua.OP_SETTABLE -> index(failure, true, register(a), BytecodeNames.ofRegister(p, pc, a));
            case Lua.OP_GETTABUP -> index(failure, false, upvalue(b), BytecodeNames.ofUpvalue(p, b));
            case Lua.OP_SETTABUP -> index(failure, true, upvalue(a), BytecodeNames.ofUpvalue(p, a));
            case Lua.OP_CALL, Lua.OP_TAILCALL -> register(a).isfunction() ? null
                    : confirmed(failure, register(a), BytecodeNames.ofRegister(p, pc, a));
            case Lua.OP_UNM, Lua.OP_LEN -> confirmed(failure, register(b), BytecodeNames.ofRegister(p, pc, b));
            case Lua.OP_CONCAT -> concatenation(failure, b, c);
            case Lua.OP_LT, Lua.OP_LE -> comparison(rk(b), rk(c));
            default -> arithmetic(failure, b, c);
        };
    }

    private String index(LuajMessage failure, boolean store, LuaValue table, VariableName name) {
        return failure.store() == store ? confirmed(failure, table, name) : null;
    }

    /** Lua's first operand that is neither a number nor a string convertible to one is the one it names. */
    private String arithmetic(LuajMessage failure, int b, int c) {
        LuaValue left = rk(b);
        boolean leftFails = !numeric(left);
        if (!leftFails && numeric(rk(c))) {
            return null;
        }
        int failed = leftFails ? b : c;
        return confirmed(failure, rk(failed), BytecodeNames.ofRk(closure.p, pc, failed));
    }

    /**
     * {@code R(b) .. ... .. R(c)} joins from the right: the pair that failed is the rightmost with an operand that
     * is neither a string nor a number, and of that pair the left one is named if it is such an operand. A
     * {@code __concat} metamethod on the way makes the rest unknowable.
     */
    private String concatenation(LuajMessage failure, int b, int c) {
        boolean rightIsOperand = true;
        boolean rightJoins = concatenable(register(c));
        for (int left = c - 1; left >= b; left--) {
            LuaValue value = register(left);
            if (concatenable(value) && rightJoins) {
                rightIsOperand = false;
                continue;
            }
            if (!value.metatag(LuaValue.CONCAT).isnil()
                    || rightIsOperand && !register(c).metatag(LuaValue.CONCAT).isnil()) {
                return null;
            }
            int failed = !concatenable(value) ? left : rightIsOperand ? c : -1;
            return failed < 0 ? null
                    : confirmed(failure, register(failed), BytecodeNames.ofRegister(closure.p, pc, failed));
        }
        return null;
    }

    private static String comparison(LuaValue left, LuaValue right) {
        boolean ordered = left.type() == right.type()
                && (left.type() == LuaValue.TNUMBER || left.type() == LuaValue.TSTRING);
        return ordered ? null : Lua52Messages.compare(left.typename(), right.typename());
    }

    /** The message naming {@code operand} when its type is the one LuaJ's message gives, else null. */
    private static String confirmed(LuajMessage failure, LuaValue operand, VariableName name) {
        return operand.typename().equals(failure.type()) ? Lua52Messages.named(failure.kind(), name, failure.type())
                : null;
    }

    private static boolean numeric(LuaValue value) {
        // Read as Lua reads a numeral (LuaJ's tonumber throws for "0x")
        return value.type() == LuaValue.TNUMBER
                || value.type() == LuaValue.TSTRING && !Double.isNaN(Conversions.numeral(value));
    }

    private static boolean concatenable(LuaValue value) {
        return value.type() == LuaValue.TSTRING || value.type() == LuaValue.TNUMBER;
    }

    private LuaValue register(int index) {
        LuaValue value = index >= 0 && index < registers.length ? registers[index] : null;
        return value == null ? LuaValue.NIL : value;
    }

    private LuaValue rk(int operand) {
        if (Lua.ISK(operand)) {
            LuaValue[] k = closure.p.k;
            int index = Lua.INDEXK(operand);
            return k != null && index < k.length ? k[index] : LuaValue.NIL;
        }
        return register(operand);
    }

    private LuaValue upvalue(int index) {
        UpValue[] upvalues = closure.upValues;
        UpValue upvalue = upvalues != null && index >= 0 && index < upvalues.length ? upvalues[index] : null;
        return upvalue == null ? LuaValue.NIL : upvalue.getValue();
    }
}
