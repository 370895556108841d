/**
 * A Lua 5.2 syntax checker of the runtime's own, run before LuaJ's compiler on every chunk: it refuses what Lua 5.2
 * refuses (LuaJ 3.0.1 accepts some invalid source) and words every syntax error as Lua 5.2 does, where LuaJ's
 * parser prints token codes. Written from the reference manual's lexical conventions (section 3.1) and complete
 * syntax (section 9), plus the checks 5.2's parser makes beyond the grammar (goto and labels, {@code break},
 * {@code ...}); it builds nothing.
 */
package io.github.luaactor.core.internal.syntax;
