package io.github.luaactor.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;

/**
 * Waits until a system is quiet: every actor has handled what it was sent, no handler waits in {@code ctx.send}, no
 * Java recipient call is running, and a whole round of checks saw no new activity.
 * <p>
 * Why a barrier rather than counters alone: a message taken out of the mailbox but not yet handled shows neither in
 * the mailbox size nor in the handled count. A state snapshot is queued behind everything already sent and answered
 * on the actor's own thread, so once it completes those messages are done (or suspended, which is counted). What
 * they sent on starts new activity, which the next round sees.
 */
final class Quiescence {
    /** Between two looks while a handler waits for a reply or a recipient call runs (not a correctness sleep). */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Quiescence() {
    }

    static void await(LuaActorSystem system, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Collection<LuaActorRef> actors = system.actors();
            long before = activity(actors);
            for (LuaActorRef actor : actors) {
                barrier(actor, deadline, timeout);
            }
            Collection<LuaActorRef> after = system.actors();
            if (after.size() == actors.size() && activity(after) == before && idle(system, after)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("The Lua actors did not settle within " + timeout + ": " + busy(system));
            }
            if (activity(after) == before) {
                // Nothing moved: a handler waits for a reply or a recipient runs; look again shortly.
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private static void barrier(LuaActorRef actor, long deadline, Duration timeout) {
        if (!actor.isAlive()) {
            return;
        }
        try {
            actor.stateSnapshot().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // Stopped meanwhile, or a state no message can hold: either way the actor got this far.
        } catch (TimeoutException e) {
            throw new AssertionError("Lua actor '" + actor.name() + "' did not get through its mailbox within "
                    + timeout + " (mailbox " + actor.statistics().mailboxSize() + ", state " + actor.state() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the Lua actors to settle", e);
        }
    }

    private static long activity(Collection<LuaActorRef> actors) {
        long sum = actors.size();
        for (LuaActorRef actor : actors) {
            ActorStatistics stats = actor.statistics();
            sum += stats.received() + stats.processed() + stats.restarts();
        }
        return sum;
    }

    private static boolean idle(LuaActorSystem system, Collection<LuaActorRef> actors) {
        if (system.recipientCallsInFlight() != 0) {
            return false;
        }
        for (LuaActorRef actor : actors) {
            ActorStatistics stats = actor.statistics();
            if (actor.isAlive() && (stats.mailboxSize() != 0 || stats.suspended() != 0)) {
                return false;
            }
        }
        return true;
    }

    private static String busy(LuaActorSystem system) {
        List<String> parts = new ArrayList<>();
        for (LuaActorRef actor : system.actors()) {
            ActorStatistics stats = actor.statistics();
            if (stats.mailboxSize() != 0 || stats.suspended() != 0) {
                parts.add(actor.name() + " (mailbox " + stats.mailboxSize() + ", waiting in ctx.send "
                        + stats.suspended() + ")");
            }
        }
        int calls = system.recipientCallsInFlight();
        if (calls != 0) {
            parts.add(calls + " Java recipient call(s) still running");
        }
        return parts.isEmpty() ? "still active" : String.join(", ", parts);
    }
}
