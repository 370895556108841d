package io.github.luaactor.core.internal.sandbox;

import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.github.luaactor.core.internal.interp.InterpretedClosure;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;

/**
 * Lua's call levels ({@code error(msg, level)}) when compiled code is running: compiled functions report no calls to
 * the hook, so the levels are read from this thread's Java stack, where each compiled function, each interpreted
 * {@link LuaClosure} (the project's {@link InterpretedClosure}) and each library function the hook was told about ({@code pcall}) is one level, innermost first.
 */
final class LuaLevels {
    private static final String INTERPRETER = InterpretedClosure.class.getName();

    private LuaLevels() {
    }

    /**
     * {@code chunk:line} of {@code level}, or null for a Java function or beyond the stack.
     *
     * @param chunkOf       the chunk a generated class was compiled from (the handler's or a module's)
     * @param compiledFrame whether a Java frame's class is generated code
     * @param hookStack the functions the hook tracks, outermost first, {@code depth} of them
     * @param interpretedAt the position of the hook's frame {@code i} (an interpreted function)
     */
    static String where(int level, Function<Class<?>, String> chunkOf, Predicate<String> compiledFrame,
            LuaFunction[] hookStack, int depth,
            IntFunction<String> interpretedAt) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> {
            int seen = 0;
            int next = depth - 1;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String name = frame.getClassName();
                String position;
                if (compiledFrame.test(name) && frame.getLineNumber() > 0) {
                    position = chunkOf.apply(frame.getDeclaringClass()) + ":" + frame.getLineNumber();
                } else if (name.equals(INTERPRETER) && "execute".equals(frame.getMethodName()) && next >= 0) {
                    position = interpretedAt.apply(next--);
                } else if (next >= 0 && !(hookStack[next] instanceof LuaClosure)
                        && frame.getDeclaringClass() == hookStack[next].getClass()) {
                    next--;
                    position = null;
                } else {
                    continue;
                }
                if (++seen == level) {
                    return position;
                }
            }
            return null;
        });
    }
}
