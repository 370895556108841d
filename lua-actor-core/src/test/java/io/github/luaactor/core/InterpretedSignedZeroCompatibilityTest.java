package io.github.luaactor.core;

/** {@link SignedZeroCompatibilityTest} again with every handler interpreted ({@code compileHandlers(false)}). */
class InterpretedSignedZeroCompatibilityTest extends SignedZeroCompatibilityTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
