package io.github.luaactor.core;

/** {@link MessageErrorLineTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedMessageErrorLineTest extends MessageErrorLineTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
