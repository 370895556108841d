package io.github.luaactor.core.internal.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coroutine quotas of one actor: unfinished coroutines of its VM, and coroutine threads alive in its whole
 * system ({@code systemLive}, shared by every actor of the system), with what to tell the actor of a refusal.
 *
 * @param perActor      unfinished coroutines one VM may hold
 * @param systemLive    coroutine threads alive in the system now
 * @param perSystem     most coroutine threads alive in the system at once
 * @param actorRefused  counts a refusal by the per-actor quota
 * @param systemRefused counts a refusal by the system-wide quota
 */
public record CoroutineQuota(int perActor, AtomicInteger systemLive, int perSystem, Runnable actorRefused,
        Runnable systemRefused) {
    /** Until the actor sets its own: the default per-actor limit, no system-wide one. */
    static final CoroutineQuota DEFAULT = new CoroutineQuota(CoroutineGuard.MAX_LIVE_COROUTINES, new AtomicInteger(),
            Integer.MAX_VALUE, () -> { }, () -> { });
}
