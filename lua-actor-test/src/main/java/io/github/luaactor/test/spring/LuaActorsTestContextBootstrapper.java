package io.github.luaactor.test.spring;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link LuaActorsTest#properties()} into the test's environment. */
final class LuaActorsTestContextBootstrapper extends TestSliceTestContextBootstrapper<LuaActorsTest> {
}
