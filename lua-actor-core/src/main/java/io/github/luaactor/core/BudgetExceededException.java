package io.github.luaactor.core;

/**
 * A handler used more than its budget (VM instructions or wall-clock time) and was aborted. The actor lives on;
 * its supervision policy decides what happens next.
 */
public class BudgetExceededException extends LuaActorException {
    /** Which budget was exceeded. */
    public enum Budget { INSTRUCTIONS, TIME }

    private final Budget budget;
    private final String chunk;
    private final int line;

    public BudgetExceededException(String actor, Budget budget, String detail, String chunk, int line) {
        super(actor, "Lua actor '" + actor + "'" + (chunk == null ? "" : ", " + chunk + (line > 0 ? ":" + line : ""))
                + ": " + detail);
        this.budget = budget;
        this.chunk = chunk;
        this.line = line;
    }

    public Budget budget() {
        return budget;
    }

    public String chunk() {
        return chunk;
    }

    public int line() {
        return line;
    }
}
