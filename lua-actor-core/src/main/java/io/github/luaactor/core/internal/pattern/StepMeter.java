package io.github.luaactor.core.internal.pattern;

/**
 * Charges pattern work to a {@link MatchBudget}: each matcher attempt is one step (the unit the sandbox always
 * charged), and loops that scan bytes without attempts ({@code %b}, back-references, greedy runs, plain search,
 * compiling) pay one step per {@value #BYTES_PER_STEP} bytes, so that no loop in Java runs unmetered.
 */
final class StepMeter {
    static final int BYTES_PER_STEP = 64;

    private final MatchBudget budget;
    private int credit = BYTES_PER_STEP;

    StepMeter(MatchBudget budget) {
        this.budget = budget;
    }

    void step() {
        budget.step();
    }

    /** One byte of a scan. */
    void scanned() {
        if (--credit == 0) {
            credit = BYTES_PER_STEP;
            budget.step();
        }
    }

    /** {@code n} bytes of a scan at once. */
    void scanned(int n) {
        credit -= n;
        while (credit <= 0) {
            credit += BYTES_PER_STEP;
            budget.step();
        }
    }

    void checkLength(String function, long length) {
        budget.checkLength(function, length);
    }
}
