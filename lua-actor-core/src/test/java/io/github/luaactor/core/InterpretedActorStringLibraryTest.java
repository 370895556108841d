package io.github.luaactor.core;

/** {@link ActorStringLibraryTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedActorStringLibraryTest extends ActorStringLibraryTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
