package io.github.luaactor.core.internal.compile;

import org.apache.bcel.Const;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.IFEQ;
import org.apache.bcel.generic.InstructionFactory;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

/**
 * What {@link BudgetWeaver} adds to a generated Lua function for the call depth ({@code StackSegments}): a count at
 * its entry, which may instead run the call on a fresh stack segment, and an uncount at each of its exits.
 */
final class CallCountWeaving {
    private static final String BUDGET = CompiledBudget.class.getName();
    private static final ObjectType LUA_VALUE = new ObjectType("org.luaj.vm2.LuaValue");
    private static final ObjectType VARARGS = new ObjectType("org.luaj.vm2.Varargs");

    private CallCountWeaving() {
    }

    /**
     * The arguments of a method that is a Lua function's entry, counted for {@code StackSegments}: luajc's
     * {@code call} with up to three values or {@code onInvoke}; null for any other method.
     */
    static Type[] countedArguments(MethodGen method) {
        Type[] args = method.getArgumentTypes();
        if (method.getName().equals("onInvoke")) {
            return args.length == 1 && args[0].equals(VARARGS) && method.getReturnType().equals(VARARGS) ? args : null;
        }
        if (!method.getName().equals("call") || args.length > 3 || !method.getReturnType().equals(LUA_VALUE)) {
            return null;
        }
        for (Type arg : args) {
            if (!arg.equals(LUA_VALUE)) {
                return null;
            }
        }
        return args;
    }

    /**
     * Counts the call ({@link CompiledBudget#enter}); when this thread's stack segment is full, makes the same call
     * on a fresh one and returns its result.
     */
    static InstructionList enter(InstructionFactory factory, int hookSlot, Type[] args, Type result,
            InstructionHandle body) {
        InstructionList list = new InstructionList();
        list.append(new ALOAD(hookSlot));
        list.append(factory.createInvoke(BUDGET, "enter", Type.BOOLEAN, new Type[] {Type.OBJECT}, Const.INVOKESTATIC));
        list.append(new IFEQ(body));
        list.append(new ALOAD(hookSlot));
        list.append(new ALOAD(0));
        Type[] hop = new Type[args.length + 2];
        hop[0] = Type.OBJECT;
        hop[1] = LUA_VALUE;
        for (int i = 0; i < args.length; i++) {
            list.append(new ALOAD(i + 1));
            hop[i + 2] = args[i];
        }
        list.append(factory.createInvoke(BUDGET, "onFreshStack", result, hop, Const.INVOKESTATIC));
        list.append(new ARETURN());
        return list;
    }

    static InstructionList exit(InstructionFactory factory, int hookSlot) {
        InstructionList list = new InstructionList();
        list.append(new ALOAD(hookSlot));
        list.append(factory.createInvoke(BUDGET, "exit", Type.VOID, new Type[] {Type.OBJECT}, Const.INVOKESTATIC));
        return list;
    }
}
