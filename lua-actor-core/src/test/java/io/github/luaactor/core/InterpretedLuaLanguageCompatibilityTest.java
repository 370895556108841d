package io.github.luaactor.core;

/** {@link LuaLanguageCompatibilityTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLuaLanguageCompatibilityTest extends LuaLanguageCompatibilityTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
