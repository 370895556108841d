package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.Quota;

/**
 * The quotas that span a whole actor system rather than one actor.
 *
 * @param maxActors    live Lua actors in the system ({@link Quota#ACTORS})
 * @param maxSendDepth longest chain of {@code ctx.send} calls each waiting on the next ({@link Quota#SEND_DEPTH})
 * @param maxCoroutines coroutine threads alive at once in the system ({@link Quota#SYSTEM_COROUTINES})
 * @param maxCoroutinesPerJvm coroutine threads alive at once in every system of the JVM together, as this system
 *                      counts them ({@link Quota#JVM_COROUTINES})
 */
public record SystemLimits(int maxActors, int maxSendDepth, int maxCoroutines, int maxCoroutinesPerJvm) {
    public SystemLimits {
        if (maxCoroutinesPerJvm < 1) {
            throw new IllegalArgumentException("maxCoroutinesPerJvm must be >= 1, was " + maxCoroutinesPerJvm);
        }
        if (maxCoroutines < 1) {
            throw new IllegalArgumentException("maxCoroutines must be >= 1, was " + maxCoroutines);
        }
        if (maxActors < 1) {
            throw new IllegalArgumentException("maxActors must be >= 1, was " + maxActors);
        }
        if (maxSendDepth < 1) {
            throw new IllegalArgumentException("maxSendDepth must be >= 1, was " + maxSendDepth);
        }
    }
}
