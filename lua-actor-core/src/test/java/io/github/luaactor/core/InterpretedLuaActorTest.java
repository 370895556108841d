package io.github.luaactor.core;

/** {@link LuaActorTest} again with every handler interpreted ({@code compileHandlers(false)}), the other execution path. */
class InterpretedLuaActorTest extends LuaActorTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
