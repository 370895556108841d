package io.github.luaactor.core.internal.pattern;

/**
 * What the pattern functions charge their work to and how long a result they may build; supplied by the sandbox
 * that installs them. Library tables are shared by every VM, so both answer for the handler running on the current
 * thread.
 */
public interface MatchBudget {
    /** A budget that charges nothing and allows any length, for use outside an actor. */
    MatchBudget UNLIMITED = of(() -> { }, (function, length) -> { });

    /**
     * Charges one matching step (one attempt of the matcher at a subject position and pattern item, or 64 bytes
     * of a scan that makes no such attempt); throws to stop a handler whose budget is spent.
     */
    void step();

    /** Throws when {@code function} would return a string of {@code length} bytes, over the allowed size. */
    void checkLength(String function, long length);

    static MatchBudget of(Runnable step, LengthCheck lengthCheck) {
        return new MatchBudget() {
            @Override
            public void step() {
                step.run();
            }

            @Override
            public void checkLength(String function, long length) {
                lengthCheck.check(function, length);
            }
        };
    }

    /** Refuses a result that is too long, by throwing. */
    @FunctionalInterface
    interface LengthCheck {
        void check(String function, long length);
    }
}
