package io.github.luaactor.core.internal.syntax;

import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.internal.sandbox.NegativeZero;

/**
 * Follows the constant folding of Lua 5.2's code generator while the checker parses, to find the constants whose
 * sign of zero LuaJ's compiler loses ({@link SignedConstant}). Both compilers fold a numeral, a unary minus of a
 * folded constant, a parenthesized one, and an arithmetic operator on two of them, except a division or modulo by
 * zero; this folds at least as far as LuaJ does (LuaJ also stops at a NaN result, whose value is the same either way,
 * and a division by a signed zero is folded here to the value it has at run time), so a constant found here is never
 * part of a larger one LuaJ computes. A folded constant that has a {@code -0} anywhere in it is recorded when it is
 * used as a value; its whole value is computed here with 5.2's operators.
 */
final class ConstantFolds {
    /** A folded constant: its value, whether a {@code -0} is in it, and where it is in the source. */
    record Fold(double value, boolean signed, int start, int end) {
    }

    private final List<SignedConstant> signed = new ArrayList<>();

    List<SignedConstant> signed() {
        return signed;
    }

    Fold numeral(double value, int start, int end) {
        return Double.isNaN(value) ? null : new Fold(value, false, start, end);
    }

    /**
     * {@code -e}, {@code not e} or {@code #e} starting at {@code start}: only a minus folds; {@code not} of a
     * constant is {@code false} whatever its sign, so its operand is not kept.
     */
    Fold unary(int op, int start, Fold operand) {
        if (operand == null) {
            return null;
        }
        if (op == '-') {
            double v = -operand.value();
            return new Fold(v, operand.signed() || NegativeZero.is(v), start, operand.end());
        }
        if (op == '#') {
            finish(operand);
        }
        return null;
    }

    Fold parenthesized(Fold inner, int start, int end) {
        return inner == null ? null : new Fold(inner.value(), inner.signed(), start, end);
    }

    /**
     * {@code a op b}: folded when both are constants and {@code op} is arithmetic (not a division or modulo by
     * zero); else each is an operand of its own. The left operand of {@code and} is only tested, so not kept.
     */
    Fold binary(int op, Fold a, Fold b) {
        // Neither compiler folds a division or modulo by zero; here one with a -0 in it is folded all the same, to
        // the value it has when it runs: the zero's marker would not be zero, and LuaJ would fold the marker.
        if (a != null && b != null && isArithmetic(op)
                && (!((op == '/' || op == '%') && b.value() == 0) || a.signed() || b.signed())) {
            double x = a.value();
            double y = b.value();
            double v = switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                // luai_nummod
                case '%' -> x - Math.floor(x / y) * y;
                default -> Math.pow(x, y);
            };
            return new Fold(v, a.signed() || b.signed() || NegativeZero.is(v), a.start(), b.end());
        }
        if (op != Tokens.AND) {
            finish(a);
        }
        finish(b);
        return null;
    }

    /** {@code f} is used as a value: it is recorded when it has a sign LuaJ would lose. */
    void finish(Fold f) {
        if (f != null && f.signed()) {
            signed.add(new SignedConstant(f.start(), f.end(), f.value()));
        }
    }

    private static boolean isArithmetic(int op) {
        return op == '+' || op == '-' || op == '*' || op == '/' || op == '%' || op == '^';
    }
}
