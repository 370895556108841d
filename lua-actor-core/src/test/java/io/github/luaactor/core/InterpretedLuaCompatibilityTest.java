package io.github.luaactor.core;

/** {@link LuaCompatibilityTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLuaCompatibilityTest extends LuaCompatibilityTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
