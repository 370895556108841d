package io.github.luaactor.core;

/** {@link PatternSandboxTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedPatternSandboxTest extends PatternSandboxTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
