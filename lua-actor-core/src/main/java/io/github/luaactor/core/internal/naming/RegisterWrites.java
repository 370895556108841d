package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.Lua;

/**
 * Which instructions write which registers, and where control can go, in Lua 5.2 bytecode: enough to tell the one
 * instruction whose result a register holds when another instruction reads it.
 */
public final class RegisterWrites {
    private RegisterWrites() {
    }

    /**
     * The pc of the instruction whose result {@code register} holds when {@code pc} runs, or -1 when that cannot be
     * told: none before {@code pc} writes it, or a jump could reach {@code pc} without passing the last one that does
     * (from before it, or back from after {@code pc}).
     */
    static int lastWriter(int[] code, int pc, int register) {
        int writer = -1;
        for (int at = 0; at < pc && at < code.length; at++) {
            if (writes(code[at], register)) {
                writer = at;
            }
        }
        if (writer < 0) {
            return -1;
        }
        for (int from = 0; from < code.length; from++) {
            int target = jumpTarget(code[from], from);
            boolean outside = from < writer || from >= pc;
            if (target > writer && target <= pc && outside) {
                return -1;
            }
        }
        return writer;
    }

    /** Whether {@code instruction} stores a value in {@code register}. */
    public static boolean writes(int instruction, int register) {
        int a = Lua.GETARG_A(instruction);
        return switch (Lua.GET_OPCODE(instruction)) {
            case Lua.OP_MOVE, Lua.OP_LOADK, Lua.OP_LOADKX, Lua.OP_LOADBOOL, Lua.OP_GETUPVAL, Lua.OP_GETTABUP,
                    Lua.OP_GETTABLE, Lua.OP_NEWTABLE, Lua.OP_ADD, Lua.OP_SUB, Lua.OP_MUL, Lua.OP_DIV, Lua.OP_MOD,
                    Lua.OP_POW, Lua.OP_UNM, Lua.OP_NOT, Lua.OP_LEN, Lua.OP_CONCAT, Lua.OP_TESTSET, Lua.OP_FORPREP,
                    Lua.OP_TFORLOOP, Lua.OP_CLOSURE -> register == a;
            case Lua.OP_LOADNIL -> register >= a && register <= a + Lua.GETARG_B(instruction);
            case Lua.OP_SELF -> register == a || register == a + 1;
            case Lua.OP_FORLOOP -> register == a || register == a + 3;
            // A call leaves its results from A up and may leave anything above them: all of them count as written.
            case Lua.OP_CALL, Lua.OP_TAILCALL -> register >= a;
            case Lua.OP_TFORCALL -> register >= a + 3;
            case Lua.OP_VARARG -> Lua.GETARG_B(instruction) == 0 ? register >= a
                    : register >= a && register <= a + Lua.GETARG_B(instruction) - 2;
            default -> false;
        };
    }

    /** Where {@code instruction} at {@code pc} may send control other than the next instruction, or -1. */
    static int jumpTarget(int instruction, int pc) {
        return switch (Lua.GET_OPCODE(instruction)) {
            case Lua.OP_JMP, Lua.OP_FORLOOP, Lua.OP_FORPREP, Lua.OP_TFORLOOP -> pc + 1 + Lua.GETARG_sBx(instruction);
            // Tests skip the next instruction (a jump) when they fail.
            case Lua.OP_EQ, Lua.OP_LT, Lua.OP_LE, Lua.OP_TEST, Lua.OP_TESTSET -> pc + 2;
            case Lua.OP_LOADBOOL -> Lua.GETARG_C(instruction) != 0 ? pc + 2 : -1;
            default -> -1;
        };
    }
}
