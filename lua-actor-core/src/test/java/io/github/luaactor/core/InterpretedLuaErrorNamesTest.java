package io.github.luaactor.core;

/** {@link LuaErrorNamesTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLuaErrorNamesTest extends LuaErrorNamesTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }

    @Override
    protected String expected(String compiled, String interpreted) {
        return interpreted;
    }
}
