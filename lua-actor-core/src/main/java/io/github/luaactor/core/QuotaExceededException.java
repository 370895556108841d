package io.github.luaactor.core;

/**
 * A script asked for more than a {@link Quota} allows: more actors, children, suspended handlers, timers or
 * coroutines, or a longer chain of {@code ctx.send} calls. Inside Lua it is an ordinary error that {@code pcall} can
 * catch, raised at the {@code ctx} call.
 */
public class QuotaExceededException extends LuaActorException {
    private final Quota quota;
    private final long limit;

    public QuotaExceededException(String actor, Quota quota, long limit, String what) {
        super(actor, message(actor, quota, limit, what));
        this.quota = quota;
        this.limit = limit;
    }

    private static String message(String actor, Quota quota, long limit, String what) {
        return what + ": quota of " + limit + " " + quota.tag() + " reached (Lua actor '" + actor
                + "'; raise it with " + quota.property() + " or " + quota.setting() + ")";
    }

    public Quota quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }
}
