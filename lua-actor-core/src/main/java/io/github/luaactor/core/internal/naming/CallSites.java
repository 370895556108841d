package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;

/**
 * Whether a call in Lua 5.2 bytecode is a method call ({@code s:rep(3)}): its function register was last written by
 * the {@code SELF} instruction that looked the method up. Lua 5.2 numbers a method's arguments without the receiver,
 * so a library function's argument error needs to know; read only when such an error is raised.
 */
public final class CallSites {
    private CallSites() {
    }

    /** Whether instruction {@code pc} of {@code p} is a call whose function a {@code SELF} looked up. */
    public static boolean isMethodCall(Prototype p, int pc) {
        if (pc < 0 || pc >= p.code.length || !isCall(p.code[pc])) {
            return false;
        }
        int a = Lua.GETARG_A(p.code[pc]);
        int writer = RegisterWrites.lastWriter(p.code, pc, a);
        return writer >= 0 && Lua.GET_OPCODE(p.code[writer]) == Lua.OP_SELF && Lua.GETARG_A(p.code[writer]) == a;
    }

    /**
     * Whether a function called {@code name} that raised at source line {@code line} of compiled {@code p} was
     * called as a method: some call on the line is a method call of {@code name} and no other call there could
     * have called it (a plain call of something named {@code name}, or of something without a name). When both
     * kinds are on the line the syntax cannot be told, and the plain numbering is chosen.
     */
    public static boolean isMethodCallAtLine(Prototype p, int line, String name) {
        if (p.lineinfo == null) {
            return false;
        }
        boolean method = false;
        for (int pc = 0; pc < p.code.length && pc < p.lineinfo.length; pc++) {
            if (p.lineinfo[pc] != line || !isCall(p.code[pc])) {
                continue;
            }
            VariableName called = BytecodeNames.ofRegister(p, pc, Lua.GETARG_A(p.code[pc]));
            boolean named = called != null && name.equals(called.name());
            if (isMethodCall(p, pc)) {
                method |= named;
            } else if (named || called == null || "?".equals(called.name())) {
                return false;
            }
        }
        return method;
    }

    /**
     * The name the call at {@code pc} of {@code p} uses for the function it calls ({@code r} in {@code r()}, the key
     * of a method), as Lua 5.2 names a function in its argument errors; null when it has none.
     */
    public static String calledName(Prototype p, int pc) {
        if (pc < 0 || pc >= p.code.length || !isCall(p.code[pc])) {
            return null;
        }
        VariableName called = BytecodeNames.ofRegister(p, pc, Lua.GETARG_A(p.code[pc]));
        return called == null || "?".equals(called.name()) ? null : called.name();
    }

    /**
     * The name by which a function whose own name is {@code own} was called at source line {@code line} of compiled
     * {@code p}, when the line tells: {@code own} if some call there uses it (the function may well be that one), else
     * the name of the only call on the line. Null when the line has several calls by other names, or one without a
     * name.
     */
    public static String calledNameAtLine(Prototype p, int line, String own) {
        if (p.lineinfo == null) {
            return null;
        }
        String only = null;
        int calls = 0;
        for (int pc = 0; pc < p.code.length && pc < p.lineinfo.length; pc++) {
            if (p.lineinfo[pc] != line || !isCall(p.code[pc])) {
                continue;
            }
            String called = calledName(p, pc);
            if (own.equals(called)) {
                return own;
            }
            calls++;
            only = called;
        }
        return calls == 1 ? only : null;
    }

    private static boolean isCall(int instruction) {
        int op = Lua.GET_OPCODE(instruction);
        return op == Lua.OP_CALL || op == Lua.OP_TAILCALL;
    }
}
