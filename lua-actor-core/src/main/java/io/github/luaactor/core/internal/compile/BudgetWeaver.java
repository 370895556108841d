package io.github.luaactor.core.internal.compile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.luaactor.core.internal.interp.LuaOperators;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ClassGen;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InstructionFactory;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InstructionTargeter;
import org.apache.bcel.generic.LineNumberGen;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.PUSH;
import org.apache.bcel.generic.Select;
import org.apache.bcel.generic.Type;
import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;

/**
 * Rewrites a class luajc generated for one Lua function so that it keeps the sandbox's rules without the debug hook,
 * which compiled code never calls:
 * <ul>
 * <li>a budget charge at the function's entry and before every backward branch (each Lua loop's back-edge), so that
 * no more than one loop body runs between two checks, as {@code while true do end} needs;</li>
 * <li>{@code ..} goes through the {@code max-string-length} check;</li>
 * <li>arithmetic and order go through {@link LuaOperators}, as the interpreter's do (Lua 5.2's string coercion,
 * metamethods when a number meets a table);</li>
 * <li>an error leaving the function gets its {@code chunk:line}, as the interpreter gives it;</li>
 * <li>the call is counted for the actor's {@code max-call-depth}, and made on a fresh stack segment when this
 * thread's is full ({@link CallCountWeaving});</li>
 * <li>a table key computed at run time goes through {@link CompiledBudget#key}, which makes {@code -0} the key 0 as
 * the interpreter does;</li>
 * <li>each tail call notes its line: luajc runs the callee after the caller's frame returned, so an error the callee
 * raises without a Lua frame of its own (a Java function such as {@code ctx.send}) would otherwise be placed at an
 * outer function's line, where C Lua, which calls a C function in place, names the tail call's.</li>
 * </ul>
 * Charges follow the interpreter's count where they can: a back-edge charges its loop's length in Lua instructions
 * (luajc emits Lua's back-edges in order, one JVM backward branch each), the entry the instructions that run before
 * the first branch. When the branches do not line up with Lua's, each charges the function's whole length, a bound.
 */
final class BudgetWeaver {
    private static final String BUDGET = CompiledBudget.class.getName();
    private static final String OPERATORS = LuaOperators.class.getName();
    private static final ObjectType LUA_VALUE = new ObjectType("org.luaj.vm2.LuaValue");
    private static final ObjectType BUFFER = new ObjectType("org.luaj.vm2.Buffer");
    private static final ObjectType LUA_ERROR = new ObjectType("org.luaj.vm2.LuaError");

    private BudgetWeaver() {
    }

    /**
     * @param chargeEntry false for a handler's own class, whose length its {@link CompiledHandler} charges up front
     */
    static byte[] weave(byte[] classFile, String className, Prototype p, boolean chargeEntry) {
        JavaClass parsed;
        try {
            parsed = new ClassParser(new ByteArrayInputStream(classFile), className + ".class").parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassGen type = new ClassGen(parsed);
        ConstantPoolGen pool = type.getConstantPool();
        InstructionFactory factory = new InstructionFactory(type, pool);
        int[] loops = loopLengths(p);
        for (Method method : type.getMethods()) {
            if (method.getName().equals("<clinit>")) {
                MethodGen init = new MethodGen(method, type.getClassName(), pool);
                if (keepNegativeZeros(init, factory, pool)) {
                    init.setMaxStack();
                    type.replaceMethod(method, init.getMethod());
                }
                continue;
            }
            if (method.isAbstract() || method.isNative() || method.getName().startsWith("<")
                    || method.getName().equals("initupvalue1")) {
                continue;
            }
            MethodGen body = new MethodGen(method, type.getClassName(), pool);
            weave(body, factory, pool, className, p, loops, chargeEntry);
            body.setMaxStack();
            body.setMaxLocals();
            type.replaceMethod(method, body.getMethod());
        }
        return type.getJavaClass().getBytes();
    }

    private static void weave(MethodGen body, InstructionFactory factory, ConstantPoolGen pool, String className,
            Prototype p, int[] loops, boolean chargeEntry) {
        InstructionList code = body.getInstructionList();
        if (code == null) {
            return;
        }
        InstructionHandle[] handles = code.getInstructionHandles();
        int backEdges = 0;
        for (InstructionHandle h : handles) {
            if (isBackEdge(h)) {
                backEdges++;
            }
        }
        boolean aligned = backEdges == loops.length;
        // A chunk's own class is counted by its CompiledHandler, which holds the hook.
        Type[] counted = chargeEntry ? CallCountWeaving.countedArguments(body) : null;
        // The hook is read once, into a local of its own, by a function that charges (and counts) at all.
        int hookSlot = backEdges > 0 || chargeEntry ? body.getMaxLocals() : -1;
        if (hookSlot >= 0) {
            body.setMaxLocals(hookSlot + 1);
        }
        int edge = 0;
        int line = 0;
        for (InstructionHandle h : handles) {
            line = lineAt(h, line);
            int runTimeKey = runTimeKeySlot(h, pool);
            if (h.getInstruction() instanceof INVOKESTATIC call && isTailCall(call, pool)) {
                h.setInstruction(factory.createInvoke(BUDGET, "tailcallOf", call.getReturnType(pool),
                        call.getArgumentTypes(pool), Const.INVOKESTATIC));
                InstructionList note = new InstructionList();
                note.append(new PUSH(pool, line));
                note.append(factory.createInvoke(BUDGET, "tailCall", Type.VOID, new Type[] {Type.INT},
                        Const.INVOKESTATIC));
                insertBefore(code, h, note);
            } else if (isBackEdge(h)) {
                int n = aligned ? loops[edge] : p.code.length;
                edge++;
                insertBefore(code, h, charge(factory, pool, hookSlot, n));
            } else if (runTimeKey >= 0) {
                // A key computed at run time may be -0, which must be the key 0; a constant key never is. Only the
                // key passes through the project's code: the get or set stays where it is, with this site's own type
                // profile (a shared static helper would make every table access of every handler one megamorphic
                // call site). A set's key lies under its value.
                InstructionList key = new InstructionList();
                boolean underValue = runTimeKey == 1;
                if (underValue) {
                    key.append(org.apache.bcel.generic.InstructionConst.SWAP);
                }
                key.append(factory.createInvoke(BUDGET, underValue ? "storeKey" : "key", LUA_VALUE,
                        new Type[] {LUA_VALUE}, Const.INVOKESTATIC));
                if (underValue) {
                    key.append(org.apache.bcel.generic.InstructionConst.SWAP);
                }
                insertBefore(code, h, key);
            } else if (h.getInstruction() instanceof INVOKEVIRTUAL call && isConcat(call, pool)) {
                Type[] args = call.getArgumentTypes(pool);
                h.setInstruction(factory.createInvoke(BUDGET, "concat", call.getReturnType(pool),
                        new Type[] {LUA_VALUE, args[0]}, Const.INVOKESTATIC));
            } else if (h.getInstruction() instanceof INVOKEVIRTUAL call && operator(call, pool) != null) {
                Type[] args = call.getArgumentTypes(pool);
                Type[] operands = new Type[args.length + 1];
                java.util.Arrays.fill(operands, LUA_VALUE);
                String name = operator(call, pool);
                if ("sub".equals(name) && isForPrep(h, pool)) {
                    name = "forPrep";
                }
                h.setInstruction(factory.createInvoke(OPERATORS, name, call.getReturnType(pool), operands,
                        Const.INVOKESTATIC));
            }
        }
        if (counted != null) {
            for (InstructionHandle h : code.getInstructionHandles()) {
                if (h.getInstruction() instanceof org.apache.bcel.generic.ARETURN) {
                    insertBefore(code, h, CallCountWeaving.exit(factory, hookSlot));
                }
            }
        }
        if (chargeEntry) {
            insertBefore(code, code.getStart(), charge(factory, pool, hookSlot, entryLength(p)));
        }
        // The body the error handler covers: not the entry's count, which raises in the caller (stack overflow).
        InstructionHandle bodyStart = code.getStart();
        if (counted != null) {
            code.insert(code.getStart(),
                    CallCountWeaving.enter(factory, hookSlot, counted, body.getReturnType(), bodyStart));
        }
        if (hookSlot >= 0) {
            // A plain insert: a loop that jumps back to the function's first instruction must not read it again.
            InstructionList read = new InstructionList();
            read.append(factory.createInvoke(BUDGET, "hook", Type.OBJECT, Type.NO_ARGS, Const.INVOKESTATIC));
            read.append(new ASTORE(hookSlot));
            code.insert(code.getStart(), read);
        }
        InstructionHandle start = counted != null ? bodyStart : code.getStart();
        InstructionHandle end = code.getEnd();
        InstructionList handler = new InstructionList();
        if (counted != null) {
            handler.append(CallCountWeaving.exit(factory, hookSlot));
        }
        handler.append(new PUSH(pool, className));
        handler.append(new PUSH(pool, p.linedefined));
        handler.append(factory.createInvoke(BUDGET, "positioned", LUA_ERROR,
                new Type[] {new ObjectType("java.lang.RuntimeException"), Type.STRING, Type.INT}, Const.INVOKESTATIC));
        handler.append(new ATHROW());
        InstructionHandle catchStart = code.append(handler);
        body.addExceptionHandler(start, end, catchStart, new ObjectType("java.lang.RuntimeException"));
    }

    /**
     * Where the key of the table access at {@code h} lies on the stack ({@link #keySlot}) when that key is computed at
     * run time; -1 for a constant key or any other instruction.
     */
    private static int runTimeKeySlot(InstructionHandle h, ConstantPoolGen pool) {
        if (!(h.getInstruction() instanceof INVOKEVIRTUAL call)) {
            return -1;
        }
        int slot = keySlot(call, pool);
        return slot >= 0 && !keyIsConstant(h, pool, slot) ? slot : -1;
    }

    /**
     * Whether the key operand of the table access at {@code call} (stack slot {@code slot} below the top: 0 for a
     * get's key, 1 for a set's, under its value) is one of the class's constants, loaded by a {@code GETSTATIC}: a
     * constant key is never {@code -0}, and most accesses (`ctx.state.n = v`) need no check. Found by walking back
     * over straight-line code only; anything else (a branch on the way, a copied slot) counts as not constant.
     */
    private static boolean keyIsConstant(InstructionHandle call, ConstantPoolGen pool, int slot) {
        int depth = slot;
        InstructionHandle h = call.getPrev();
        for (int steps = 0; h != null && steps < 64; steps++, h = h.getPrev()) {
            if (h.getInstruction() instanceof BranchInstruction || isBranchTarget(h)) {
                return false;
            }
            int produced = h.getInstruction().produceStack(pool);
            if (depth < produced) {
                return produced == 1 && h.getInstruction() instanceof org.apache.bcel.generic.GETSTATIC;
            }
            depth = depth - produced + h.getInstruction().consumeStack(pool);
        }
        return false;
    }

    private static boolean isBranchTarget(InstructionHandle h) {
        InstructionTargeter[] targeters = h.getTargeters();
        if (targeters != null) {
            for (InstructionTargeter targeter : targeters) {
                if (targeter instanceof BranchInstruction) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * luajc makes a double constant in the static initializer as {@code valueOf(d)}, pushing {@code d} with BCEL's
     * {@code PUSH}, which writes {@code -0.0} as {@code dconst_0}; {@code valueOf} would give the integer 0 even for
     * {@code -0.0}. A double constant of zero can only be {@code -0.0} (LuaJ keeps {@code 0} as an integer), so each
     * {@code dconst_0, valueOf(D)} becomes {@link CompiledBudget#negativeZero()}. True when there was one.
     */
    private static boolean keepNegativeZeros(MethodGen init, InstructionFactory factory, ConstantPoolGen pool) {
        InstructionList code = init.getInstructionList();
        if (code == null) {
            return false;
        }
        boolean changed = false;
        for (InstructionHandle h : code.getInstructionHandles()) {
            InstructionHandle next = h.getNext();
            if (h.getInstruction() instanceof org.apache.bcel.generic.DCONST zero && zero.getValue().doubleValue() == 0
                    && next != null && next.getInstruction() instanceof INVOKESTATIC call
                    && "valueOf".equals(call.getMethodName(pool))
                    && LUA_VALUE.getClassName().equals(call.getReferenceType(pool).toString())
                    && call.getArgumentTypes(pool).length == 1 && call.getArgumentTypes(pool)[0] == Type.DOUBLE) {
                h.setInstruction(new org.apache.bcel.generic.NOP());
                next.setInstruction(factory.createInvoke(BUDGET, "negativeZero", LUA_VALUE, Type.NO_ARGS,
                        Const.INVOKESTATIC));
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Inserts {@code list} so that it runs whenever {@code h} would: branches to {@code h} now go to it, and it
     * takes over {@code h}'s line, so that an error raised by the charge names the loop's line.
     */
    private static void insertBefore(InstructionList code, InstructionHandle h, InstructionList list) {
        InstructionHandle first = code.insert(h, list);
        InstructionTargeter[] targeters = h.getTargeters();
        if (targeters != null) {
            for (InstructionTargeter targeter : targeters) {
                if (targeter instanceof BranchInstruction || targeter instanceof LineNumberGen) {
                    targeter.updateTarget(h, first);
                }
            }
        }
    }

    /** The source line at {@code h}: the line a line-number entry starting there gives, else the one before. */
    private static int lineAt(InstructionHandle h, int before) {
        InstructionTargeter[] targeters = h.getTargeters();
        if (targeters != null) {
            for (InstructionTargeter targeter : targeters) {
                if (targeter instanceof LineNumberGen entry) {
                    return entry.getSourceLine();
                }
            }
        }
        return before;
    }

    private static InstructionList charge(InstructionFactory factory, ConstantPoolGen pool, int hookSlot, int n) {
        InstructionList list = new InstructionList();
        list.append(new ALOAD(hookSlot));
        list.append(new PUSH(pool, Math.max(1, n)));
        list.append(factory.createInvoke(BUDGET, "charge", Type.VOID, new Type[] {Type.OBJECT, Type.INT},
                Const.INVOKESTATIC));
        return list;
    }

    private static boolean isBackEdge(InstructionHandle h) {
        return h.getInstruction() instanceof BranchInstruction branch && !(branch instanceof Select)
                && branch.getTarget().getPosition() <= h.getPosition();
    }

    /**
     * luajc's {@code return f(x)}: {@code LuaValue.tailcallOf(f, args)}, which the caller's caller runs; woven into
     * {@link CompiledBudget#tailcallOf}, which calls a Java function in place instead.
     */
    private static boolean isTailCall(INVOKESTATIC call, ConstantPoolGen pool) {
        return "tailcallOf".equals(call.getMethodName(pool))
                && LUA_VALUE.getClassName().equals(call.getReferenceType(pool).toString());
    }

    /**
     * Whether the {@code sub} at {@code h} is luajc's numeric {@code for} set-up ({@code index = init - step}): it
     * is stored, then a jump goes forward to the loop's test ({@code testfor_b}), whose branch back lands just after
     * that jump. Such a {@code sub} must check its operands as a {@code for} does, not run as arithmetic.
     */
    private static boolean isForPrep(InstructionHandle h, ConstantPoolGen pool) {
        InstructionHandle store = h.getNext();
        InstructionHandle jump = store == null ? null : store.getNext();
        if (!(store != null && store.getInstruction() instanceof ASTORE)
                || !(jump != null && jump.getInstruction() instanceof org.apache.bcel.generic.GOTO go)
                || go.getTarget().getPosition() <= jump.getPosition()) {
            return false;
        }
        InstructionHandle at = go.getTarget();
        for (int i = 0; i < 12 && at != null; i++, at = at.getNext()) {
            if (at.getInstruction() instanceof INVOKEVIRTUAL test && "testfor_b".equals(test.getMethodName(pool))) {
                InstructionHandle back = at.getNext();
                return back != null && back.getInstruction() instanceof BranchInstruction branch
                        && branch.getTarget() == jump.getNext();
            }
        }
        return false;
    }

    /**
     * The {@link LuaOperators} method that replaces luajc's call of LuaJ's own arithmetic or order operation on two
     * values (or unary minus, the length operator, or a numeric {@code for}'s test), or null for any other call.
     */
    private static String operator(INVOKEVIRTUAL call, ConstantPoolGen pool) {
        if (!LUA_VALUE.getClassName().equals(call.getReferenceType(pool).toString())) {
            return null;
        }
        Type[] args = call.getArgumentTypes(pool);
        String name = call.getMethodName(pool);
        if (args.length == 0) {
            return name.equals("neg") || name.equals("len") ? name : null;
        }
        if (args.length == 2) {
            return name.equals("testfor_b") ? "testFor" : null;
        }
        if (args.length != 1 || !args[0].equals(LUA_VALUE)) {
            return null;
        }
        return switch (name) {
            case "add", "sub", "mul", "div", "mod", "pow" -> name;
            case "lt_b" -> "lt";
            case "lteq_b" -> "le";
            default -> null;
        };
    }

    /**
     * Where the key of luajc's {@code t.get(k)} or {@code t.set(k, v)} on Lua values lies on the stack at the call:
     * 0 (the top) for a get, 1 (under the value) for a set; -1 for any other call.
     */
    private static int keySlot(INVOKEVIRTUAL call, ConstantPoolGen pool) {
        if (!LUA_VALUE.getClassName().equals(call.getReferenceType(pool).toString())) {
            return -1;
        }
        Type[] args = call.getArgumentTypes(pool);
        for (Type arg : args) {
            if (!arg.equals(LUA_VALUE)) {
                return -1;
            }
        }
        String name = call.getMethodName(pool);
        if (name.equals("get") && args.length == 1) {
            return 0;
        }
        return name.equals("set") && args.length == 2 ? 1 : -1;
    }

    private static boolean isConcat(INVOKEVIRTUAL call, ConstantPoolGen pool) {
        if (!"concat".equals(call.getMethodName(pool))
                || !LUA_VALUE.getClassName().equals(call.getReferenceType(pool).toString())) {
            return false;
        }
        Type[] args = call.getArgumentTypes(pool);
        return args.length == 1 && (args[0].equals(LUA_VALUE) || args[0].equals(BUFFER));
    }

    /** Each backward jump's loop length in Lua instructions, in code order. */
    static int[] loopLengths(Prototype p) {
        int[] lengths = new int[p.code.length];
        int n = 0;
        for (int instruction : p.code) {
            switch (Lua.GET_OPCODE(instruction)) {
                case Lua.OP_FORLOOP, Lua.OP_TFORLOOP -> lengths[n++] = -Lua.GETARG_sBx(instruction);
                case Lua.OP_JMP -> {
                    int sBx = Lua.GETARG_sBx(instruction);
                    if (sBx < 0) {
                        lengths[n++] = -sBx;
                    }
                }
                default -> {
                }
            }
        }
        return java.util.Arrays.copyOf(lengths, n);
    }

    /** The instructions every call runs: up to and including the first that can jump or return. */
    static int entryLength(Prototype p) {
        for (int pc = 0; pc < p.code.length; pc++) {
            switch (Lua.GET_OPCODE(p.code[pc])) {
                case Lua.OP_JMP, Lua.OP_EQ, Lua.OP_LT, Lua.OP_LE, Lua.OP_TEST, Lua.OP_TESTSET, Lua.OP_FORPREP,
                        Lua.OP_TFORCALL, Lua.OP_FORLOOP, Lua.OP_TFORLOOP, Lua.OP_RETURN, Lua.OP_TAILCALL,
                        Lua.OP_LOADBOOL -> {
                    return pc + 1;
                }
                default -> {
                }
            }
        }
        return p.code.length;
    }
}
