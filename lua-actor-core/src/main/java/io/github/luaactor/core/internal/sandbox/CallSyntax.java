package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.naming.CallSites;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * How a library function that is about to raise an argument error was called, which decides how Lua 5.2 words the
 * error: by Lua code plainly ({@code string.rep()}: {@code bad argument #1 to 'rep'}), by Lua code as a method
 * ({@code ('x'):rep()}: the receiver is not counted), or by a Java function such as {@code pcall} (no Lua caller:
 * the function goes by its global name, {@code 'string.rep'}). Worked out only when the error is raised.
 * <p>
 * Interpreted callers are read from the hook's call frames: the caller's current instruction is the call, and its
 * function register holds the function. A compiled caller is known only by its line: the calls on that line decide
 * ({@link CallSites#isMethodCallAtLine}, {@link CallSites#calledNameAtLine}).
 */
enum CallSyntax {
    PLAIN, METHOD, JAVA;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String LUAJ_PACKAGE = "org.luaj.vm2.";
    /** The project's code a compiled caller's call passes through before it reaches the function. */
    private static final String COMPILED_CALLS = "io.github.luaactor.core.internal.compile.CompiledBudget";

    /**
     * How {@code called}, known to Lua as {@code name}, was called by the code running on this thread, and the name
     * the call used ({@code name} itself where the call cannot be told).
     */
    static CalledAs of(LuaFunction called, String name) {
        BudgetHook hook = BudgetHook.boundToCurrentThread();
        if (hook != null) {
            hook.followRunningCoroutine();
            CalledAs interpreted = interpreted(hook, called, name);
            if (interpreted != null) {
                return interpreted;
            }
        }
        return WALKER.walk(frames -> frames
                .dropWhile(f -> !CheckedArguments.class.equals(f.getDeclaringClass()))
                .dropWhile(f -> CheckedArguments.class.equals(f.getDeclaringClass()))
                .filter(f -> !passesCalls(f.getDeclaringClass()))
                .findFirst()
                .map(f -> ofCaller(f, name)))
                .orElse(new CalledAs(JAVA, name));
    }

    /** The innermost interpreted frame's call, when that call is the one of {@code called}. */
    private static CalledAs interpreted(BudgetHook hook, LuaFunction called, String name) {
        int depth = hook.depth;
        if (depth == 0 || !(hook.stack[depth - 1] instanceof LuaClosure closure)) {
            return null;
        }
        LuaValue[] registers = hook.registers[depth - 1];
        Prototype p = closure.p;
        int pc = hook.pc;
        if (registers == null || pc < 0 || pc >= p.code.length) {
            return null;
        }
        int instruction = p.code[pc];
        int op = Lua.GET_OPCODE(instruction);
        int a = Lua.GETARG_A(instruction);
        if (op != Lua.OP_CALL && op != Lua.OP_TAILCALL || a >= registers.length || registers[a] != called) {
            return null;
        }
        return new CalledAs(CallSites.isMethodCall(p, pc) ? METHOD : PLAIN, nameOr(CallSites.calledName(p, pc), name));
    }

    /** LuaJ's call plumbing ({@code call} to {@code invoke}) and the woven tail call, which are nobody's caller. */
    private static boolean passesCalls(Class<?> type) {
        return type.getName().startsWith(LUAJ_PACKAGE) && !LuaClosure.class.isAssignableFrom(type)
                || type.getName().equals(COMPILED_CALLS);
    }

    private static CalledAs ofCaller(StackWalker.StackFrame frame, String name) {
        Class<?> type = frame.getDeclaringClass();
        if (LuaClosure.class.isAssignableFrom(type)) {
            // Interpreted code that called it other than by its call instruction (a metamethod): a plain call.
            return new CalledAs(PLAIN, name);
        }
        if (type.getClassLoader() instanceof CompiledPrototypes compiled) {
            Prototype p = compiled.prototype(type.getName());
            if (p == null) {
                return new CalledAs(PLAIN, name);
            }
            int line = frame.getLineNumber();
            String called = nameOr(CallSites.calledNameAtLine(p, line, name), name);
            return new CalledAs(CallSites.isMethodCallAtLine(p, line, called) ? METHOD : PLAIN, called);
        }
        return new CalledAs(JAVA, name);
    }

    private static String nameOr(String called, String own) {
        return called == null ? own : called;
    }
}
