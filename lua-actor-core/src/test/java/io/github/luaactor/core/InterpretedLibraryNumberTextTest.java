package io.github.luaactor.core;

/** {@link LibraryNumberTextTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLibraryNumberTextTest extends LibraryNumberTextTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
