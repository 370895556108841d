package io.github.luaactor.core.internal.sandbox;

/**
 * Thrown by the {@link BudgetHook} when a budget (instructions or time) runs out; an {@link Error} so that
 * {@code pcall} lets it through. Carries where the handler was, for {@link LuaErrors} to name the line.
 */
final class BudgetExceeded extends Error {
    private final boolean time;
    private final String position;

    BudgetExceeded(boolean time, String message, String position) {
        super(message, null, false, false);
        this.time = time;
        this.position = position;
    }

    boolean isTime() {
        return time;
    }

    String position() {
        return position;
    }
}
