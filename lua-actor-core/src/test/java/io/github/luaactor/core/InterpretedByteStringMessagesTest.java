package io.github.luaactor.core;

/** {@link ByteStringMessagesTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedByteStringMessagesTest extends ByteStringMessagesTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
