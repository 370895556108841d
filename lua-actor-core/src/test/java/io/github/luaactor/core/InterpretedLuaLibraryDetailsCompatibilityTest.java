package io.github.luaactor.core;

/** {@link LuaLibraryDetailsCompatibilityTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLuaLibraryDetailsCompatibilityTest extends LuaLibraryDetailsCompatibilityTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
