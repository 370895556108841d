package io.github.luaactor.core;

/** {@link DeepRecursionTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedDeepRecursionTest extends DeepRecursionTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
