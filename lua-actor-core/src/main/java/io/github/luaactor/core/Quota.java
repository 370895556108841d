package io.github.luaactor.core;

import java.util.Locale;

/**
 * What one script may ask of the runtime, each bounded by a setting. A refusal raises a {@link QuotaExceededException}
 * (in Lua: a catchable error at the {@code ctx} call) and is counted per actor in
 * {@link ActorStatistics#quotaExceeded(Quota)}.
 */
public enum Quota {
    /** Live actors in one system ({@link LuaActorSystem.Builder#maxActors(int)}). */
    ACTORS("lua-actor.quotas.max-actors", "LuaActorSystem.Builder.maxActors"),
    /** Live actors one actor started with {@code ctx.new_actor} ({@link ActorSettings.QuotaSettings#maxChildren()}). */
    CHILDREN("lua-actor.defaults.max-children", "ActorSettings.QuotaSettings.maxChildren"),
    /** Handlers of one actor suspended in {@code ctx.send} at once. */
    SUSPENDED_HANDLERS("lua-actor.defaults.max-suspended-handlers",
            "ActorSettings.QuotaSettings.maxSuspendedHandlers"),
    /** Length of a chain of {@code ctx.send} calls, each waiting for the next ({@code A → B → C ...}). */
    SEND_DEPTH("lua-actor.quotas.max-send-depth", "LuaActorSystem.Builder.maxSendDepth"),
    /** {@code ctx.notify_later} timers of one actor not yet fired. */
    TIMERS("lua-actor.defaults.max-timers", "ActorSettings.QuotaSettings.maxTimers"),
    /** Unfinished coroutines of one actor. */
    COROUTINES("lua-actor.defaults.max-coroutines", "ActorSettings.QuotaSettings.maxCoroutines"),
    /**
     * Coroutines running or suspended in the whole system at once (each holds a virtual thread); with one system
     * per JVM, as in a Spring Boot application, the JVM's.
     */
    SYSTEM_COROUTINES("lua-actor.quotas.max-coroutines", "LuaActorSystem.Builder.maxCoroutines"),
    /**
     * Coroutines running or suspended at once in every actor system of the JVM together; each system holds its own
     * to this limit ({@link LuaActorSystem.Builder#maxCoroutinesPerJvm(int)}).
     */
    JVM_COROUTINES("lua-actor.quotas.max-coroutines-per-jvm", "LuaActorSystem.Builder.maxCoroutinesPerJvm"),
    /**
     * Nested Lua calls of one coroutine (or of a handler outside coroutines): past it a call raises Lua's
     * {@code stack overflow}, in the caller.
     */
    CALL_DEPTH("lua-actor.defaults.max-call-depth", "ActorSettings.QuotaSettings.maxCallDepth");

    private final String property;
    private final String setting;

    Quota(String property, String setting) {
        this.property = property;
        this.setting = setting;
    }

    /** The Spring Boot property that raises it (or {@code lua-actor.actors.<name>.max-*} for one actor). */
    public String property() {
        return property;
    }

    /** The core setting that raises it. */
    public String setting() {
        return setting;
    }

    /** The tag value used in metrics, such as {@code suspended-handlers}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
