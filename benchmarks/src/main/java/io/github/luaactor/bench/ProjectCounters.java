package io.github.luaactor.bench;

import io.github.luaactor.core.LuaActorRef;

/**
 * Waits until every actor of this project has handled its expected number of messages, using the counters the
 * runtime keeps anyway ({@code statistics().succeeded()}). Actors already done are not looked at again.
 */
final class ProjectCounters {
    private final LuaActorRef[] actors;

    ProjectCounters(LuaActorRef[] actors) {
        this.actors = actors;
    }

    void awaitEach(long expectedPerActor) {
        int next = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (next < actors.length) {
            if (actors[next].statistics().succeeded() >= expectedPerActor) {
                next++;
                continue;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("actor " + actors[next].name() + " handled only "
                        + actors[next].statistics().succeeded() + " of " + expectedPerActor + " messages");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }
}
