package io.github.luaactor.core.internal.compile;

import org.luaj.vm2.LuaClosure;

/** Which Lua function a Java stack frame belongs to, for positions in code luajc generated. */
final class CompiledFrames {
    /** Every generated class is named so (nested functions get {@code $name} suffixes from luajc). */
    static final String CLASS_PREFIX = "lua_actor_handler_";
    private static final String INTERPRETER = LuaClosure.class.getName();
    private static final String TAIL_CALL = "org.luaj.vm2.TailcallVarargs";

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
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).forEach(new java.util.function.Consumer<>() {
            private boolean below;
            private boolean done;

            @Override
            public void accept(StackWalker.StackFrame frame) {
                if (done) {
                    return;
                }
                String name = frame.getClassName();
                if (!below) {
                    below = name.equals(className);
                } else if (name.startsWith(CLASS_PREFIX)) {
                    Class<?> type = frame.getDeclaringClass();
                    int defined = type.getClassLoader() instanceof StraightLineCompiler.HandlerClassLoader loader
                            ? loader.lineDefined(name) : 0;
                    // A module's function called from the handler is listed under its own chunk.
                    String frameChunk = chunkOf.apply(type);
                    sb.append("\n\t").append(frameChunk).append(':').append(frame.getLineNumber())
                            .append(describe(frameChunk, defined));
                    done = defined == 0;
                } else if (name.equals(INTERPRETER) || name.equals(CompiledHandler.class.getName())) {
                    done = true;
                }
            }
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
        for (StackTraceElement frame : raised.getStackTrace()) {
            String name = frame.getClassName();
            if (tailCall >= 0 && name.equals(TAIL_CALL)) {
                return tailCall;
            }
            if (name.equals(className)) {
                return frame.getLineNumber();
            }
            if (name.startsWith(CLASS_PREFIX) || name.equals(INTERPRETER) && "execute".equals(frame.getMethodName())) {
                return -1;
            }
        }
        return -1;
    }
}
