package io.github.luaactor.core;

/** {@link CtxEntriesTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedCtxEntriesTest extends CtxEntriesTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
