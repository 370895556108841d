package io.github.luaactor.core;

/** {@link LibraryWorkBudgetTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedLibraryWorkBudgetTest extends LibraryWorkBudgetTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
