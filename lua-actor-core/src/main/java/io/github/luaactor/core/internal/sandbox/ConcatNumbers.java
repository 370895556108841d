package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaValue;

/**
 * Numbers in {@code ..} written as Lua 5.2 writes them ({@code "%.14g"}: {@code 1e15 .. ''} is {@code "1e+15"},
 * {@code 2^53 .. ''} is {@code "9.007199254741e+15"}), where LuaJ writes every digit. Only when every operand is a
 * string or a number: with a {@code __concat} metamethod involved, the metamethod must receive the number itself.
 * LuaJ keeps whole numbers in the int range as integers, which it already writes as Lua does.
 */
public final class ConcatNumbers {
    private ConcatNumbers() {
    }

    /**
     * Before the interpreter runs {@code OP_CONCAT} (A B C: {@code R(A) := R(B) .. ... .. R(C)}): rewrites the
     * operand registers, fresh temporaries the code generator filled for this instruction.
     */
    static void normalize(int instruction, LuaValue[] regs) {
        int b = instruction >>> 23;
        int c = (instruction >>> 14) & 0x1ff;
        if (regs == null || c >= regs.length) {
            return;
        }
        boolean doubles = false;
        for (int r = b; r <= c; r++) {
            LuaValue value = regs[r];
            if (value == null || !value.isstring()) {
                return;
            }
            doubles |= value instanceof LuaDouble;
        }
        if (doubles) {
            for (int r = b; r <= c; r++) {
                if (regs[r] instanceof LuaDouble) {
                    regs[r] = Conversions.numberText(regs[r]);
                }
            }
        }
    }

    /** {@code value} as {@code ..} writes it, when the other operand is a string or a number. */
    public static LuaValue operand(LuaValue value, LuaValue other) {
        return value instanceof LuaDouble && other.isstring() ? Conversions.numberText(value) : value;
    }
}
