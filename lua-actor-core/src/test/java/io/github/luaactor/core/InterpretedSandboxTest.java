package io.github.luaactor.core;

/** {@link SandboxTest} again with every handler interpreted ({@code compileHandlers(false)}), the other execution path. */
class InterpretedSandboxTest extends SandboxTest {
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }
}
