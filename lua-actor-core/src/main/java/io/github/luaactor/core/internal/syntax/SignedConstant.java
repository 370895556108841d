package io.github.luaactor.core.internal.syntax;

/**
 * A constant expression of a chunk whose value LuaJ's compiler would not keep: it folds numerals in LuaJ values,
 * which turn every whole double into an integer, so {@code -0.0}, {@code -0}, {@code 0 * -1} become the integer 0
 * where Lua 5.2, whose numbers are all doubles, keeps {@code -0}. {@code start} and {@code end} are byte offsets of
 * the whole folded expression in the source; {@code value} is what Lua 5.2 folds it to.
 */
public record SignedConstant(int start, int end, double value) {
}
