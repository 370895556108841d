package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.ActorSettings;

/**
 * The string-size cap of the actor running on the current thread. Library tables are shared by all VMs, so their
 * capped builders cannot hold a per-actor limit; an actor's drain thread sets it once when it starts.
 */
public final class SandboxLimits {
    private static final ThreadLocal<Integer> MAX_STRING_LENGTH = new ThreadLocal<>();

    private SandboxLimits() {
    }

    public static void setMaxStringLength(int bytes) {
        MAX_STRING_LENGTH.set(bytes);
    }

    /** Sets the limit and returns what was set before (null for none), for {@link #restore}. */
    public static Integer replaceMaxStringLength(int bytes) {
        Integer previous = MAX_STRING_LENGTH.get();
        MAX_STRING_LENGTH.set(bytes);
        return previous;
    }

    /** Puts back what {@link #replaceMaxStringLength} returned: a caller's thread keeps nothing of the actor. */
    public static void restore(Integer previous) {
        if (previous == null) {
            MAX_STRING_LENGTH.remove();
        } else {
            MAX_STRING_LENGTH.set(previous);
        }
    }

    public static int maxStringLength() {
        Integer limit = MAX_STRING_LENGTH.get();
        return limit == null ? ActorSettings.DEFAULT_MAX_STRING_LENGTH : limit;
    }
}
