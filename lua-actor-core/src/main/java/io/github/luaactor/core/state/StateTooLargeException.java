package io.github.luaactor.core.state;

/** An actor's encoded {@code ctx.state} is larger than its {@code max-state-size}; it is not saved. */
public class StateTooLargeException extends StateStoreException {
    private final int maxStateSize;

    public StateTooLargeException(String actor, int maxStateSize) {
        super(actor, "Lua actor '" + actor + "': ctx.state encodes to more than max-state-size (" + maxStateSize
                + " bytes); it was not saved and rolls back to the last saved snapshot. Keep less in ctx.state or "
                + "raise lua-actor.actors." + actor + ".state.max-state-size.");
        this.maxStateSize = maxStateSize;
    }

    public int maxStateSize() {
        return maxStateSize;
    }
}
