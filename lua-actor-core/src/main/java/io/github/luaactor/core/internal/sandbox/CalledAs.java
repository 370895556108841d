package io.github.luaactor.core.internal.sandbox;

/**
 * How a library function about to raise an argument error was called, and by which name: Lua 5.2 names the function
 * as the call wrote it ({@code local r = string.rep; r()} gives {@code bad argument #1 to 'r'}), a method by its
 * key, and a function called from Java ({@code pcall(string.rep)}) by its global name.
 *
 * @param syntax how it was called
 * @param name   the name the call used; the function's own name when that cannot be told
 */
record CalledAs(CallSyntax syntax, String name) {
}
