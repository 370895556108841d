/**
 * From Lua source to code that runs: the per-system cache of compiled prototypes, and straight-line handlers
 * compiled to JVM bytecode with LuaJ's {@code luajc}.
 */
package io.github.luaactor.core.internal.compile;
