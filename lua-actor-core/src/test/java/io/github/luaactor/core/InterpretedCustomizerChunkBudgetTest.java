package io.github.luaactor.core;

/** {@link CustomizerChunkBudgetTest} with every handler interpreted. */
class InterpretedCustomizerChunkBudgetTest extends CustomizerChunkBudgetTest {
    @Override
    protected LuaActorSystem newSystem() {
        return builder().compileHandlers(false).build();
    }
}
