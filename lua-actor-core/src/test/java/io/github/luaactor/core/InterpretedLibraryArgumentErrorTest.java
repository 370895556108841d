package io.github.luaactor.core;

/** {@link LibraryArgumentErrorTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLibraryArgumentErrorTest extends LibraryArgumentErrorTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }

    @Override
    protected boolean interpreted() {
        return true;
    }
}
