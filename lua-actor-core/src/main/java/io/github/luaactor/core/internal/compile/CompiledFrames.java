package io.github.luaactor.core.internal.compile;

import io.github.luaactor.core.internal.sandbox.ConcatNumbers;
import io.github.luaactor.core.internal.interp.InterpretedClosure;
import io.github.luaactor.core.internal.interp.LuaOperators;
import io.github.luaactor.core.internal.sandbox.LuaPositions;
import io.github.luaactor.core.internal.sandbox.StackSegments;

/** Which Lua function a Java stack frame belongs to, for positions in code luajc generated. */
final class CompiledFrames {
    /** Every generated class is named so (nested functions get {@code $name} suffixes from luajc). */
    static final String CLASS_PREFIX = "lua_actor_handler_";
    private static final String INTERPRETER = InterpretedClosure.class.getName();
    private static final String TAIL_CALL = "org.luaj.vm2.TailcallVarargs";
    private static final String LUAJ_PACKAGE = "org.luaj.vm2.";
    private static final String LUA_TABLE = "org.luaj.vm2.LuaTable";
    private static final String SEGMENT = StackSegments.class.getName() + "$Segment";
    private static final java.util.Set<String> CALLS = java.util.Set.of("call", "invoke", "onInvoke");
    /** The project's code between generated code and LuaJ in an operation: the woven {@code ..} and operators. */
    private static final java.util.Set<String> OPERATION_CLASSES = java.util.Set.of(CompiledBudget.class.getName(),
            IntegerStrings.class.getName(), ConcatNumbers.class.getName(), LuaOperators.class.getName());

    private CompiledFrames() {
    }

    /**
     * Lua's {@code stack traceback:} for an error leaving generated class {@code className} at {@code fileline}: that
     * frame, then the compiled functions still on this thread's stack below it, as the
     * interpreter lists its frames (the shared library functions between them report no frames there either); the walk ends at the first interpreted frame or the handler's entry.
     */
    static String traceback(String className, String chunk, java.util.function.Function<Class<?>, String> chunkOf,
            String fileline, int lineDefined) {
        StringBuilder sb = new StringBuilder("stack traceback:\n\t").append(fileline).append(describe(chunk, lineDefined));
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> {
            boolean below = false;
            int listed = 1;
            for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext();) {
                StackWalker.StackFrame frame = it.next();
                String name = frame.getClassName();
                if (!below) {
                    below = name.equals(className);
                } else if (name.startsWith(CLASS_PREFIX)) {
                    if (listed == LuaPositions.TRACEBACK_LEVELS) {
                        // A deep stack's further frames are left out, as luaL_traceback leaves out a middle.
                        sb.append("\n\t...");
                        return null;
                    }
                    Class<?> type = frame.getDeclaringClass();
                    int defined = type.getClassLoader() instanceof StraightLineCompiler.HandlerClassLoader loader
                            ? loader.lineDefined(name) : 0;
                    // A module's function called from the handler is listed under its own chunk.
                    String frameChunk = chunkOf.apply(type);
                    sb.append("\n\t").append(frameChunk).append(':').append(frame.getLineNumber())
                            .append(describe(frameChunk, defined));
                    listed++;
                    if (defined == 0) {
                        return null;
                    }
                } else if (name.equals(INTERPRETER) || name.equals(CompiledHandler.class.getName())) {
                    return null;
                } else if (name.equals(SEGMENT)) {
                    // The calls below go on in another thread's stack (StackSegments).
                    sb.append("\n\t...");
                    return null;
                }
            }
            return null;
        });
        return sb.toString();
    }

    /** The chunk generated class {@code type} was compiled from, or {@code otherwise} for any other class. */
    static String chunkOf(Class<?> type, String otherwise) {
        return type.getClassLoader() instanceof StraightLineCompiler.HandlerClassLoader loader ? loader.chunkName()
                : otherwise;
    }

    /**
     * {@code chunk:line} of the innermost generated frame on this thread's stack, whichever chunk it belongs to (a
     * module's function the handler called is deeper than the handler), or null when there is none.
     */
    static String innermostPosition(java.util.function.Function<Class<?>, String> chunkOf) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(frame -> frame.getClassName().startsWith(CLASS_PREFIX) && frame.getLineNumber() >= 0)
                .findFirst()
                .map(frame -> chunkOf.apply(frame.getDeclaringClass()) + ":" + frame.getLineNumber())
                .orElse(null));
    }

    /** The generated class named {@code className} if it is on this thread's stack, or null. */
    static Class<?> classOnStack(String className) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(frame -> frame.getClassName().equals(className))
                .findFirst()
                .<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                .orElse(null));
    }

    private static String describe(String chunk, int lineDefined) {
        return lineDefined == 0 ? ": in main chunk" : ": in function <" + chunk + ":" + lineDefined + ">";
    }

    /**
     * Whether {@code raised} was thrown by an operation that generated class {@code className} made on one of its
     * own operands (indexing, calling, arithmetic, {@code ..}, {@code #}, comparing a value it holds), the error its
     * failing line can name: only LuaJ's value classes (and the woven {@code ..}) between the throw and that frame.
     * Not so when a library function, a metamethod that is not a function ({@code __add = 5}), a table's
     * {@code __index} chain or a tail call raised it: its message is about another value.
     */
    static boolean raisedByOwnOperation(Throwable raised, String className) {
        StackTraceElement[] frames = raised.getStackTrace();
        int callee = -1;
        for (int i = 0; i < frames.length; i++) {
            String name = frames[i].getClassName();
            if (name.equals(className)) {
                callee = i - 1;
                break;
            }
            if (name.equals(TAIL_CALL) || !OPERATION_CLASSES.contains(name) && !isValueClass(name)) {
                return false;
            }
        }
        if (callee < 0) {
            return false;
        }
        if (callee > 0 && frames[callee].getMethodName().equals("tailcallOf")
                && frames[callee].getClassName().equals(CompiledBudget.class.getName())) {
            // A tail call to a Java function, made in place: its invoke is the operation the generated code made.
            callee--;
        }
        for (int i = 0; i < callee; i++) {
            // A call below the operation the generated code made: a metamethod (or __call) being called.
            if (CALLS.contains(frames[i].getMethodName())) {
                return false;
            }
        }
        // Indexing a table fails only in its __index chain, which is about another value.
        return !frames[callee].getClassName().equals(LUA_TABLE);
    }

    private static boolean isValueClass(String name) {
        return name.startsWith(LUAJ_PACKAGE) && name.indexOf('.', LUAJ_PACKAGE.length()) < 0
                && !name.equals(INTERPRETER);
    }

    /**
     * Whether {@code frame} is where a refused Lua call was counted: a generated function's entry, the interpreter's
     * {@code execute}, or a compiled chunk's {@link CompiledHandler}.
     */
    static boolean isCallEntry(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.startsWith(CLASS_PREFIX) || name.equals(CompiledHandler.class.getName())
                || name.equals(INTERPRETER) && "execute".equals(frame.getMethodName());
    }

    /** Whether {@code frameClass} is {@code className} itself or one of the nested functions compiled with it. */
    static boolean belongsTo(String frameClass, String className) {
        return frameClass.startsWith(className)
                && (frameClass.length() == className.length() || frameClass.charAt(className.length()) == '$');
    }

    /**
     * The line of {@code className}'s frame when it is the innermost Lua frame of {@code raised}'s stack; -1 when an
     * interpreted or another compiled function is deeper (it has positioned the error already) or none is found.
     * A tail call being run above that frame ({@code tailCall} &ge; 0, its line) is where the error was raised: the
     * function that made it has returned already.
     */
    static int lineIfInnermost(Throwable raised, String className, int tailCall) {
        // A call refused for its depth raises at the callee's entry, before its frame began: the caller's line.
        boolean refusedCall = raised instanceof StackSegments.Overflow;
        for (StackTraceElement frame : raised.getStackTrace()) {
            String name = frame.getClassName();
            if (tailCall >= 0 && name.equals(TAIL_CALL)) {
                return tailCall;
            }
            boolean luaFrame = name.startsWith(CLASS_PREFIX)
                    || name.equals(INTERPRETER) && "execute".equals(frame.getMethodName());
            if (refusedCall && isCallEntry(frame)) {
                refusedCall = false;
                continue;
            }
            if (name.equals(className)) {
                return frame.getLineNumber();
            }
            if (luaFrame) {
                return -1;
            }
        }
        return -1;
    }
}
