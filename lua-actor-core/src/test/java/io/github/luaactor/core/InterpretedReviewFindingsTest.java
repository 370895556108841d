package io.github.luaactor.core;

/** {@link ReviewFindingsTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedReviewFindingsTest extends ReviewFindingsTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
