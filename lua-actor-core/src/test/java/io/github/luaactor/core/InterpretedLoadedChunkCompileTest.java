package io.github.luaactor.core;

/** {@link LoadedChunkCompileTest} with compilation off: every load stays interpreted and answers the same. */
class InterpretedLoadedChunkCompileTest extends LoadedChunkCompileTest {
    @Override
    protected boolean compiles() {
        return false;
    }
}
