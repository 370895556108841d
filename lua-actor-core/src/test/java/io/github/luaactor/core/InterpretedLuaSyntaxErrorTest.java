package io.github.luaactor.core;

/** {@link LuaSyntaxErrorTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLuaSyntaxErrorTest extends LuaSyntaxErrorTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
