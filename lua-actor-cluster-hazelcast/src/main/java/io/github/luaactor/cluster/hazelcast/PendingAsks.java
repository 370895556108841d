package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.LuaMessage;

/**
 * The asks this member sent to other members and still waits for, by correlation id, with the member each went to:
 * a reply completes one, a member leaving fails all of its own at once (no caller waits for a dead member until its
 * timeout), and the ask timeout fails the rest ({@link AskTimeouts} sweeps them: one timer for all asks instead of
 * one scheduled task, and a wake-up of the scheduler thread, per ask).
 */
final class PendingAsks {
    private record Pending(String actor, UUID member, CompletableFuture<LuaMessage> reply, long deadline) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AskTimeouts timeouts;

    PendingAsks(String memberName, Duration askTimeout) {
        this.timeouts = new AskTimeouts(memberName, askTimeout, this::expire, pending::size);
    }

    /**
     * Registers an ask, which fails with a {@link TimeoutException} if it is still pending after the ask timeout;
     * the future is removed from here however it completes.
     *
     * @throws ActorUnavailableException when this member has stopped (no reply could reach it)
     */
    long register(String actor, UUID member, CompletableFuture<LuaMessage> reply) {
        if (timeouts.isClosed()) {
            throw new ActorUnavailableException(actor, "Lua actor '" + actor + "': this cluster member has stopped"
                    + " taking part; it cannot ask other members");
        }
        long id = ids.incrementAndGet();
        pending.put(id, new Pending(actor, member, reply, timeouts.deadline()));
        reply.whenComplete((r, e) -> pending.remove(id));
        timeouts.started();
        return id;
    }

    void complete(long id, LuaMessage reply) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.reply.complete(reply);
        }
    }

    /** @return whether the ask was still pending */
    boolean fail(long id, Throwable failure) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.reply.completeExceptionally(failure);
        }
        return p != null;
    }

    /** Fails every ask that went to a member that has left. */
    int memberLeft(UUID member) {
        int failed = 0;
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.member.equals(member) && pending.remove(e.getKey(), p)) {
                p.reply.completeExceptionally(new ActorUnavailableException(p.actor, "Lua actor '" + p.actor
                        + "': the member holding it (" + member + ") left the cluster before replying"));
                failed++;
            }
        }
        return failed;
    }

    /** Fails the asks whose timeout has passed. */
    private void expire(long now) {
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.deadline >= 0 && pending.remove(e.getKey(), p)) {
                p.reply.completeExceptionally(new TimeoutException("Lua actor '" + p.actor + "': no reply from"
                        + " member " + p.member + " within the ask timeout of " + timeouts.timeout()));
            }
        }
    }

    /**
     * This member stops taking part (replies to it are dropped from now on): every pending ask fails now instead of
     * at its timeout, and the timer stops.
     */
    void close() {
        timeouts.close();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (pending.remove(e.getKey(), p)) {
                p.reply.completeExceptionally(new ActorUnavailableException(p.actor, "Lua actor '" + p.actor
                        + "': this cluster member stopped before the reply came"));
            }
        }
    }

    int size() {
        return pending.size();
    }
}
