/**
 * Lua 5.2's wording of runtime errors, with the variable a failing operand was read from
 * ({@code attempt to index local 't' (a nil value)}), where LuaJ says {@code attempt to index ? (a nil value)}:
 * the project's own symbolic reading of a compiled function's bytecode ({@code BytecodeNames}), LuaJ's messages
 * parsed ({@code LuajMessage}) and written again as Lua 5.2 writes them ({@code Lua52Messages}), the failing operand
 * read from an interpreted frame's registers ({@code InterpretedSite}) or guessed, only when unambiguous, from the
 * line a compiled function failed at ({@code LineNames}). Work happens only when an error is raised.
 */
package io.github.luaactor.core.internal.naming;
