package io.github.luaactor.core.internal.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.luaactor.core.Quota;
import io.github.luaactor.core.QuotaExceededException;
import org.luaj.vm2.LuaError;

/**
 * The coroutine quotas of one actor: unfinished coroutines of its VM, coroutine threads alive in its whole system
 * ({@code systemLive}, shared by every actor of the system) and in the whole JVM (shared by every system), with what to
 * tell the actor of a refusal. {@code coroutine.create} and {@code wrap} check all three; a coroutine's thread takes
 * its place in the system and the JVM when it starts (its first resume), atomically, so that actors starting
 * coroutines at the same moment cannot pass a quota together, and gives it back when its body ends or is released.
 *
 * @param actor      the actor's name, for the error
 * @param perActor   unfinished coroutines one VM may hold
 * @param systemLive coroutine threads alive in the system now
 * @param perSystem  most coroutine threads alive in the system at once
 * @param perJvm     most coroutine threads alive in the JVM at once, in all its systems (this system's setting)
 * @param refused    counts a refusal by a quota on the actor
 * @param maxCallDepth nested Lua calls of one coroutine (or handler) that the actor allows ({@link StackSegments}):
 *                   carried here, as the one per-VM record of quotas the hook holds
 */
public record CoroutineQuota(String actor, int perActor, AtomicInteger systemLive, int perSystem, int perJvm,
        Consumer<Quota> refused, int maxCallDepth) {
    /** Coroutine threads alive in the JVM, in every actor system. */
    private static final AtomicInteger JVM_LIVE = new AtomicInteger();

    /** Until the actor sets its own: the default per-actor limit, no system-wide or JVM-wide one. */
    static final CoroutineQuota DEFAULT = new CoroutineQuota("?", CoroutineGuard.MAX_LIVE_COROUTINES,
            new AtomicInteger(), Integer.MAX_VALUE, Integer.MAX_VALUE, quota -> { },
            io.github.luaactor.core.ActorSettings.QuotaSettings.DEFAULT_MAX_CALL_DEPTH);

    /** Coroutine threads alive now in every actor system of the JVM. */
    public static int liveInJvm() {
        return JVM_LIVE.get();
    }

    /**
     * Before {@code function} makes one more coroutine beside the {@code unfinished} ones of this VM: throws the Lua
     * error of the first quota it would exceed. Reserves nothing (the thread does, when it starts).
     */
    void checkRoom(String function, int unfinished) {
        if (unfinished >= perActor) {
            throw refuse(Quota.COROUTINES, perActor, function + ": more than " + perActor
                    + " unfinished coroutines in one actor");
        }
        if (systemLive.get() >= perSystem) {
            throw systemFull(function);
        }
        if (JVM_LIVE.get() >= perJvm) {
            throw jvmFull(function);
        }
    }

    /** Takes a place in the system and the JVM for a coroutine thread that starts now, or throws the Lua error. */
    void reserveThread(String function) {
        if (systemLive.incrementAndGet() > perSystem) {
            systemLive.decrementAndGet();
            throw systemFull(function);
        }
        if (JVM_LIVE.incrementAndGet() > perJvm) {
            JVM_LIVE.decrementAndGet();
            systemLive.decrementAndGet();
            throw jvmFull(function);
        }
    }

    /** A coroutine thread that {@link #reserveThread} let start has ended. */
    void releaseThread() {
        systemLive.decrementAndGet();
        JVM_LIVE.decrementAndGet();
    }

    private LuaError systemFull(String function) {
        return refuse(Quota.SYSTEM_COROUTINES, perSystem, function + ": " + perSystem
                + " coroutines already run in this actor system");
    }

    private LuaError jvmFull(String function) {
        return refuse(Quota.JVM_COROUTINES, perJvm, function + ": " + perJvm
                + " coroutines already run in this JVM, in all its actor systems");
    }

    private LuaError refuse(Quota quota, int limit, String what) {
        refused.accept(quota);
        return new LuaError(new QuotaExceededException(actor, quota, limit, what).getMessage());
    }
}
