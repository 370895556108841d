package io.github.luaactor.core.internal.sandbox;

/**
 * What the budget hook needs of a handler compiled to JVM bytecode: where it runs. Compiled code reports no
 * instructions to the hook, so the positions of a budget error come from it. An interface, so that the hook does not
 * depend on the compiler (which depends on the hook to charge the handler's length).
 */
public interface CompiledCode {
    /** {@code chunk:line} of the compiled code running on this thread now. */
    String position();

    /** {@code chunk:line} where the handler starts. */
    String startPosition();

    /** The chunk name errors and positions of this handler's code carry (its functions' too). */
    String chunkName();

    /**
     * The chunk of the compiled Lua function a Java frame of {@code frameClass} runs: this handler's, or a module's
     * whose function the handler called.
     */
    default String chunkOf(Class<?> frameClass) {
        return chunkName();
    }

    /** Whether a Java stack frame of class {@code className} runs this handler's compiled code (a Lua level). */
    boolean ownsFrame(String className);
}
