package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import io.github.luaactor.core.QuotaExceededException;
import org.luaj.vm2.LuaError;

/**
 * The per-actor quotas checked at the {@code ctx} call that would exceed them: each refusal is counted on the actor
 * and raised in Lua as a catchable error (the Lua error's position names the script and line). Baton holder only;
 * the refusals are counted in {@link RefusalCounts}, which any thread may call.
 */
final class Quotas {
    private Quotas() {
    }

    /**
     * Checks that the current handler may wait in one more {@code ctx.send}; returns the depth of the chain the new
     * message starts or extends.
     */
    static int checkSend(ActorCell cell, String target, LuaMessage message) {
        Turn turn = cell.current;
        int depth = (turn == null || turn.envelope == null ? 0 : turn.envelope.sendDepth) + 1;
        int maxDepth = cell.system.limits().maxSendDepth();
        if (depth > maxDepth) {
            refused(cell, target, message);
            throw refuse(cell, Quota.SEND_DEPTH, maxDepth, "ctx.send to '" + target + "' would make a chain of "
                    + depth + " handlers each waiting for the next");
        }
        int maxSuspended = cell.settings.quotas().maxSuspendedHandlers();
        if (Suspension.count(cell) >= maxSuspended) {
            refused(cell, target, message);
            throw refuse(cell, Quota.SUSPENDED_HANDLERS, maxSuspended, "ctx.send to '" + target + "' refused: "
                    + maxSuspended + " handlers of this actor already wait in ctx.send");
        }
        return depth;
    }

    /** {@code ctx.new_actor} within the actor's children quota; a child's termination frees its place. */
    static String newChild(ActorCell cell, String script, String actorName) {
        int max = cell.settings.quotas().maxChildren();
        if (cell.addChildren(1) > max) {
            cell.addChildren(-1);
            throw refuse(cell, Quota.CHILDREN, max, "ctx.new_actor('" + script + "') refused: this actor already has "
                    + max + " live children");
        }
        LuaActorRef child;
        try {
            child = cell.system.newActors().start(script, actorName);
        } catch (QuotaExceededException e) {
            cell.addChildren(-1);
            RefusalCounts.quotaRefused(cell, e.quota());
            throw new LuaError("ctx.new_actor('" + script + "'): " + e.getMessage());
        } catch (RuntimeException | Error e) {
            cell.addChildren(-1);
            throw e;
        }
        child.whenTerminated().whenComplete((done, failure) -> cell.addChildren(-1));
        return child.name();
    }

    /** A message the quota kept from being sent: a dead letter for its intended recipient. */
    private static void refused(ActorCell cell, String target, LuaMessage message) {
        cell.system.deadLetters().report(target, DeadLetter.Reason.QUOTA_EXCEEDED, message, cell.name);
    }

    /** Counts one refusal by {@code quota} on {@code cell}, and gives the error a script sees. */
    static LuaError refuse(ActorCell cell, Quota quota, long limit, String what) {
        RefusalCounts.quotaRefused(cell, quota);
        return new LuaError(new QuotaExceededException(cell.name, quota, limit, what).getMessage());
    }
}
