/**
 * The project's own Lua 5.2 interpreter for LuaJ prototypes, and the operator semantics it shares with compiled
 * handlers: LuaJ's value classes convert strings to numbers with their own parser and skip metamethods when a number
 * is compared with a table, so both execution modes route arithmetic and ordering through {@link
 * io.github.luaactor.core.internal.interp.LuaOperators}.
 */
package io.github.luaactor.core.internal.interp;
