package io.github.luaactor.core;

/** {@link FirstUseEntriesTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedFirstUseEntriesTest extends FirstUseEntriesTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
