package io.github.luaactor.core;

/** {@link CaughtErrorTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedCaughtErrorTest extends CaughtErrorTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
