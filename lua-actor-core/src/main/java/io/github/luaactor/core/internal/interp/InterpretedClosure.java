package io.github.luaactor.core.internal.interp;

import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.sandbox.NegativeZero;
import io.github.luaactor.core.internal.sandbox.StackSegments;
import org.luaj.vm2.Buffer;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.TailcallVarargs;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Upvaldesc;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * A Lua function run by the project's interpreter: the Lua 5.2 virtual machine's instructions (reference manual,
 * {@code lopcodes.h}) executed over a LuaJ {@link Prototype}. It stays a {@link LuaClosure}, so that LuaJ's entry
 * points, coroutines and the runtime's frame tracking work on it unchanged, and it reports to the VM's debug hook
 * exactly as LuaJ's interpreter does (a call with its registers, each instruction before it runs, the return), so the
 * instruction and time budgets, memory accounting and error names keep their single implementation in the hook.
 * What it does differently is the operators: arithmetic and order go through {@link LuaOperators}.
 *
 * <p>Open results of a call or {@code ...} are kept as LuaJ keeps them: in {@code v}, with {@code top} the register
 * just past them as if they had been pushed, so the hook sees the same {@code (pc, v, top)}.
 */
public final class InterpretedClosure extends LuaClosure {
    private static final int FIELDS_PER_FLUSH = 50;

    private final Globals vm;

    /**
     * @param env     the value of the function's first upvalue, {@code _ENV}, when it has one (a main chunk)
     * @param globals the VM the function runs in: its debug hook is told of every instruction
     */
    public InterpretedClosure(Prototype p, LuaValue env, Globals globals) {
        super(p, env);
        this.vm = globals;
    }

    @Override
    protected Varargs execute(LuaValue[] stack, Varargs varargs) {
        final DebugLib hook = vm != null ? vm.debuglib : null;
        final BudgetHook counted = hook instanceof BudgetHook budget ? budget : null;
        if (counted != null && counted.enterCall()) {
            return StackSegments.onFreshStack(counted, () -> execute(stack, varargs));
        }
        final int[] code = p.code;
        final LuaValue[] k = p.k;
        final UpValue[] openups = p.p.length > 0 ? new UpValue[stack.length] : null;
        if (hook != null) {
            hook.onCall(this, varargs, stack);
        }
        int pc = 0;
        int top = 0;
        Varargs v = NONE;
        try {
            for (;; ++pc) {
                if (hook != null) {
                    hook.onInstruction(pc, v, top);
                }
                final int i = code[pc];
                final int a = (i >>> 6) & 0xff;
                switch (i & 0x3f) {
                    case Lua.OP_MOVE -> stack[a] = stack[i >>> 23];
                    case Lua.OP_LOADK -> stack[a] = k[i >>> 14];
                    case Lua.OP_LOADKX -> stack[a] = k[code[++pc] >>> 6];
                    case Lua.OP_LOADBOOL -> {
                        stack[a] = (i >>> 23) != 0 ? TRUE : FALSE;
                        if (((i >>> 14) & 0x1ff) != 0) {
                            ++pc;
                        }
                    }
                    case Lua.OP_LOADNIL -> {
                        for (int r = a, last = a + (i >>> 23); r <= last; r++) {
                            stack[r] = NIL;
                        }
                    }
                    case Lua.OP_GETUPVAL -> stack[a] = upValues[i >>> 23].getValue();
                    case Lua.OP_GETTABUP -> stack[a] = upValues[i >>> 23].getValue().get(rk(stack, k, i >>> 14));
                    case Lua.OP_GETTABLE -> stack[a] = stack[i >>> 23].get(NegativeZero.key(rk(stack, k, i >>> 14)));
                    case Lua.OP_SETTABUP -> upValues[a].getValue().set(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_SETUPVAL -> upValues[i >>> 23].setValue(stack[a]);
                    case Lua.OP_SETTABLE ->
                        stack[a].set(NegativeZero.key(rk(stack, k, i >>> 23)), rk(stack, k, i >>> 14));
                    case Lua.OP_NEWTABLE -> stack[a] = new LuaTable(floatingByte(i >>> 23),
                            floatingByte((i >>> 14) & 0x1ff));
                    case Lua.OP_SELF -> {
                        LuaValue self = stack[i >>> 23];
                        stack[a + 1] = self;
                        stack[a] = self.get(rk(stack, k, i >>> 14));
                    }
                    case Lua.OP_ADD -> stack[a] = LuaOperators.add(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_SUB -> stack[a] = LuaOperators.sub(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_MUL -> stack[a] = LuaOperators.mul(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_DIV -> stack[a] = LuaOperators.div(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_MOD -> stack[a] = LuaOperators.mod(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_POW -> stack[a] = LuaOperators.pow(rk(stack, k, i >>> 23), rk(stack, k, i >>> 14));
                    case Lua.OP_UNM -> stack[a] = LuaOperators.neg(stack[i >>> 23]);
                    case Lua.OP_NOT -> stack[a] = stack[i >>> 23].not();
                    case Lua.OP_LEN -> stack[a] = LuaOperators.len(stack[i >>> 23]);
                    case Lua.OP_CONCAT -> stack[a] = concat(stack, i >>> 23, (i >>> 14) & 0x1ff);
                    case Lua.OP_JMP -> {
                        pc += (i >>> 14) - 0x1ffff;
                        if (a > 0) {
                            close(openups, a - 1);
                        }
                    }
                    case Lua.OP_EQ -> {
                        if (rk(stack, k, i >>> 23).eq_b(rk(stack, k, (i >>> 14) & 0x1ff)) != (a != 0)) {
                            ++pc;
                        }
                    }
                    case Lua.OP_LT -> {
                        if (LuaOperators.lt(rk(stack, k, i >>> 23), rk(stack, k, (i >>> 14) & 0x1ff)) != (a != 0)) {
                            ++pc;
                        }
                    }
                    case Lua.OP_LE -> {
                        if (LuaOperators.le(rk(stack, k, i >>> 23), rk(stack, k, (i >>> 14) & 0x1ff)) != (a != 0)) {
                            ++pc;
                        }
                    }
                    case Lua.OP_TEST -> {
                        if (stack[a].toboolean() != (((i >>> 14) & 0x1ff) != 0)) {
                            ++pc;
                        }
                    }
                    case Lua.OP_TESTSET -> {
                        LuaValue value = stack[i >>> 23];
                        if (value.toboolean() != (((i >>> 14) & 0x1ff) != 0)) {
                            ++pc;
                        } else {
                            stack[a] = value;
                        }
                    }
                    case Lua.OP_CALL -> {
                        int b = i >>> 23;
                        int c = (i >>> 14) & 0x1ff;
                        if (c == 2 && b >= 1 && b <= 4) {
                            stack[a] = callFixed(stack, a, b);
                        } else if (c == 1 && b >= 1 && b <= 4) {
                            callFixed(stack, a, b);
                        } else {
                            Varargs args = b > 0 ? varargsOf(stack, a + 1, b - 1) : open(stack, a + 1, top, v);
                            Varargs results = stack[a].invoke(args);
                            if (c > 0) {
                                for (int j = 1; j < c; j++) {
                                    stack[a + j - 1] = results.arg(j);
                                }
                                v = NONE;
                            } else {
                                v = detached(results);
                                top = a + v.narg();
                            }
                        }
                    }
                    case Lua.OP_TAILCALL -> {
                        int b = i >>> 23;
                        Varargs args = b > 0 ? varargsOf(stack, a + 1, b - 1) : open(stack, a + 1, top, v);
                        LuaValue f = stack[a];
                        if (f instanceof LuaClosure) {
                            // A proper tail call: the caller's caller runs it once this frame is gone.
                            return new TailcallVarargs(f, args);
                        }
                        if (!f.isfunction() && f.metatag(CALL) instanceof LuaClosure call) {
                            // A table called through a Lua __call is a proper tail call of that function too.
                            return new TailcallVarargs(call, varargsOf(f, args));
                        }
                        // Anything else (a Java function) is called in place, as C Lua calls a C function from a
                        // tail call: an error it raises is positioned at this return's line.
                        return f.invoke(args);
                    }
                    case Lua.OP_RETURN -> {
                        int b = i >>> 23;
                        return switch (b) {
                            case 0 -> open(stack, a, top, v);
                            case 1 -> NONE;
                            case 2 -> stack[a];
                            default -> varargsOf(stack, a, b - 1);
                        };
                    }
                    case Lua.OP_FORLOOP -> {
                        LuaValue step = stack[a + 2];
                        LuaValue index = step.add(stack[a]);
                        if (step.gt_b(0) ? index.lteq_b(stack[a + 1]) : index.gteq_b(stack[a + 1])) {
                            stack[a] = index;
                            stack[a + 3] = index;
                            pc += (i >>> 14) - 0x1ffff;
                        }
                    }
                    case Lua.OP_FORPREP -> {
                        LuaValue init = LuaOperators.forNumber(stack[a], "'for' initial value must be a number");
                        LuaValue limit = LuaOperators.forNumber(stack[a + 1], "'for' limit must be a number");
                        LuaValue step = LuaOperators.forNumber(stack[a + 2], "'for' step must be a number");
                        stack[a] = init.sub(step);
                        stack[a + 1] = limit;
                        stack[a + 2] = step;
                        pc += (i >>> 14) - 0x1ffff;
                    }
                    case Lua.OP_TFORCALL -> {
                        Varargs results = stack[a].invoke(varargsOf(stack[a + 1], stack[a + 2]));
                        for (int j = 1, c = (i >>> 14) & 0x1ff; j <= c; j++) {
                            stack[a + 2 + j] = results.arg(j);
                        }
                        v = NONE;
                    }
                    case Lua.OP_TFORLOOP -> {
                        if (!stack[a + 1].isnil()) {
                            stack[a] = stack[a + 1];
                            pc += (i >>> 14) - 0x1ffff;
                        }
                    }
                    case Lua.OP_SETLIST -> {
                        int c = (i >>> 14) & 0x1ff;
                        // LuaJ's compiler stores a block number too large for C in the next code word as it is.
                        int offset = ((c != 0 ? c : code[++pc]) - 1) * FIELDS_PER_FLUSH;
                        setList(stack, a, i >>> 23, offset, top, v);
                        v = NONE;
                    }
                    case Lua.OP_CLOSURE -> stack[a] = closure(p.p[i >>> 14], stack, openups);
                    case Lua.OP_VARARG -> {
                        int b = i >>> 23;
                        if (b == 0) {
                            v = varargs;
                            top = a + varargs.narg();
                        } else {
                            for (int j = 1; j < b; j++) {
                                stack[a + j - 1] = varargs.arg(j);
                            }
                        }
                    }
                    default -> throw new LuaError("unknown instruction " + (i & 0x3f));
                }
            }
        } catch (LuaError e) {
            if (!ErrorPosition.hasTraceback(e)) {
                ErrorPosition.place(e, p, pc, vm);
            }
            throw e;
        } catch (Exception e) {
            LuaError wrapped = new LuaError(e);
            ErrorPosition.place(wrapped, p, pc, vm);
            throw wrapped;
        } finally {
            if (openups != null) {
                close(openups, 0);
            }
            if (hook != null) {
                hook.onReturn();
            }
            if (counted != null) {
                counted.exitCall();
            }
        }
    }

    private static LuaValue rk(LuaValue[] stack, LuaValue[] k, int field) {
        int x = field & 0x1ff;
        return (x & 0x100) != 0 ? k[x & 0xff] : stack[x];
    }

    /**
     * Lua's "floating point byte" table size hint: {@code eeeeexxx} is {@code (1xxx) * 2^(eeeee-1)}. A hint only
     * (the constructor's own instructions set the size), so capped well below what a hostile chunk could ask for.
     */
    private static int floatingByte(int x) {
        int e = (x >>> 3) & 0x1f;
        return e == 0 ? x : (int) Math.min((long) ((x & 7) + 8) << (e - 1), 1 << 20);
    }

    private static LuaValue callFixed(LuaValue[] stack, int a, int b) {
        LuaValue f = stack[a];
        return switch (b) {
            case 1 -> f.call();
            case 2 -> f.call(stack[a + 1]);
            case 3 -> f.call(stack[a + 1], stack[a + 2]);
            default -> f.call(stack[a + 1], stack[a + 2], stack[a + 3]);
        };
    }

    /** Registers {@code from} up to the open results, then those results. */
    private static Varargs open(LuaValue[] stack, int from, int top, Varargs v) {
        return varargsOf(stack, from, top - v.narg() - from, v);
    }

    /**
     * Results kept past the instruction that produced them, copied off any register array they share (a function
     * may return a view of its arguments, which live in this frame's registers).
     */
    private static Varargs detached(Varargs results) {
        int n = results.narg();
        if (results instanceof LuaValue || n == 0) {
            return n == 0 ? NONE : results;
        }
        LuaValue[] copy = new LuaValue[n];
        for (int j = 0; j < n; j++) {
            copy[j] = results.arg(j + 1);
        }
        return varargsOf(copy);
    }

    private static LuaValue concat(LuaValue[] stack, int b, int c) {
        if (c == b + 1) {
            return stack[b].concat(stack[c]);
        }
        Buffer sb = stack[c].buffer();
        for (int j = c - 1; j >= b; j--) {
            sb = stack[j].concat(sb);
        }
        return sb.value();
    }

    private static void setList(LuaValue[] stack, int a, int b, int offset, int top, Varargs v) {
        LuaValue table = stack[a];
        if (b == 0) {
            int n = top - a - 1;
            int inRegisters = n - v.narg();
            for (int j = 1; j <= n; j++) {
                table.set(offset + j, j <= inRegisters ? stack[a + j] : v.arg(j - inRegisters));
            }
        } else {
            table.presize(offset + b);
            for (int j = 1; j <= b; j++) {
                table.set(offset + j, stack[a + j]);
            }
        }
    }

    private InterpretedClosure closure(Prototype nested, LuaValue[] stack, UpValue[] openups) {
        InterpretedClosure closure = new InterpretedClosure(nested, NIL, vm);
        Upvaldesc[] descriptions = nested.upvalues;
        for (int j = 0; j < descriptions.length; j++) {
            Upvaldesc d = descriptions[j];
            closure.upValues[j] = d.instack ? openUpvalue(openups, stack, d.idx) : upValues[d.idx];
        }
        return closure;
    }

    private static UpValue openUpvalue(UpValue[] openups, LuaValue[] stack, int register) {
        UpValue u = openups[register];
        if (u == null) {
            u = new UpValue(stack, register);
            openups[register] = u;
        }
        return u;
    }

    /** Closes the upvalues of registers {@code from} and above: they keep their value, the registers go. */
    private static void close(UpValue[] openups, int from) {
        if (openups == null) {
            return;
        }
        for (int r = openups.length - 1; r >= from; r--) {
            if (openups[r] != null) {
                openups[r].close();
                openups[r] = null;
            }
        }
    }
}
