package io.github.luaactor.core;

/** {@link StringNumeralErrorTest} with every handler interpreted. */
class InterpretedStringNumeralErrorTest extends StringNumeralErrorTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
