package io.github.luaactor.core.internal.compile;

import io.github.luaactor.core.internal.naming.RegisterWrites;
import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Upvaldesc;

/**
 * Finds the code luajc compiles wrongly: a local captured by a closure inside a loop body and assigned again later in
 * that body. luajc then loses an assignment made in a branch (the closure keeps the value from before:
 * {@code for i = 1, 3 do local x = i fs[i] = function() return x end if i == 3 then x = 30 end end} gives
 * closures returning 1, 2 and 3 instead of 1, 2 and 30). The test is wider than the bug (any later write of the
 * register in the body, a call or a reused register included), so a chunk holding such code stays interpreted.
 */
final class CapturedLoopLocals {
    private CapturedLoopLocals() {
    }

    /** The line of the first closure in {@code p} or its nested functions that luajc could get wrong, or -1. */
    static int find(Prototype p) {
        int[] code = p.code;
        for (int pc = 0; pc < code.length; pc++) {
            if (Lua.GET_OPCODE(code[pc]) == Lua.OP_CLOSURE && capturedAndWrittenInALoop(p, pc)) {
                return p.lineinfo != null && pc < p.lineinfo.length ? p.lineinfo[pc] : 0;
            }
            if (isSetListWithExtraWord(code[pc])) {
                // LuaJ's compiler stores a large block number in the next word as it is: data, not an instruction.
                pc++;
            }
        }
        for (Prototype nested : p.p) {
            int line = find(nested);
            if (line >= 0) {
                return line;
            }
        }
        return -1;
    }

    private static boolean capturedAndWrittenInALoop(Prototype p, int closureAt) {
        int[] code = p.code;
        Prototype nested = p.p[Lua.GETARG_Bx(code[closureAt])];
        for (Upvaldesc upvalue : nested.upvalues) {
            if (!upvalue.instack) {
                continue;
            }
            for (int end = closureAt + 1; end < code.length; end++) {
                if (isSetListWithExtraWord(code[end - 1]) && end - 1 > closureAt) {
                    continue;
                }
                int target = backwardTarget(code[end], end);
                if (target >= 0 && target <= closureAt && writtenBetween(code, upvalue.idx, closureAt, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where a backward jump at {@code pc} goes (a loop's back-edge), or -1. */
    private static int backwardTarget(int instruction, int pc) {
        return switch (Lua.GET_OPCODE(instruction)) {
            case Lua.OP_JMP, Lua.OP_FORLOOP, Lua.OP_TFORLOOP -> {
                int target = pc + 1 + Lua.GETARG_sBx(instruction);
                yield target <= pc ? target : -1;
            }
            default -> -1;
        };
    }

    private static boolean writtenBetween(int[] code, int register, int after, int before) {
        for (int pc = after + 1; pc < before; pc++) {
            if (RegisterWrites.writes(code[pc], register)) {
                return true;
            }
            if (isSetListWithExtraWord(code[pc])) {
                pc++;
            }
        }
        return false;
    }

    private static boolean isSetListWithExtraWord(int instruction) {
        return Lua.GET_OPCODE(instruction) == Lua.OP_SETLIST && Lua.GETARG_C(instruction) == 0;
    }
}
