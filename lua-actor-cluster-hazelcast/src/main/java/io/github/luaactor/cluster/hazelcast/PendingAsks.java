package io.github.luaactor.cluster.hazelcast;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.LuaMessage;

/**
 * The asks this member sent to other members and still waits for, by correlation id, with the member each went to:
 * a reply completes one, a member leaving fails all of its own at once (no caller waits for a dead member until its
 * timeout), and the ask timeout fails the rest.
 */
final class PendingAsks {
    private record Pending(String actor, UUID member, CompletableFuture<LuaMessage> reply) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /** Registers an ask; the future is removed from here however it completes. */
    long register(String actor, UUID member, CompletableFuture<LuaMessage> reply) {
        long id = ids.incrementAndGet();
        pending.put(id, new Pending(actor, member, reply));
        reply.whenComplete((r, e) -> pending.remove(id));
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

    int size() {
        return pending.size();
    }
}
