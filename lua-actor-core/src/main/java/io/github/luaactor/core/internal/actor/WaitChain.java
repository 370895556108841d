package io.github.luaactor.core.internal.actor;

import java.util.ArrayList;
import java.util.List;

/**
 * The actors whose handlers wait, one on the next, for the reply to a message: the sender of a {@code ctx.send}
 * first, then the sender of the message that sender is handling, and so on. Carried by the envelope of every
 * {@code ctx.send} between actors ({@link ChainedEnvelope}), so a cycle is seen where it closes, without any actor
 * reading another's state: a strict actor in the chain of a message sent to it would never start that message,
 * since its own handler waits for the reply.
 */
record WaitChain(ActorCell waiting, Turn turn, WaitChain next) {

    /** The chain of the message {@code turn} handles; null when nobody waits on it from an actor. */
    static WaitChain of(Turn turn) {
        return turn != null && turn.envelope instanceof ChainedEnvelope chained ? chained.chain : null;
    }

    /**
     * The cycle that sending along this chain to {@code target} would close, the target first and last
     * ({@code a -> b -> a}); null when the target is not in the chain, or a handler on the way no longer waits (its
     * {@code ctx.send} timed out: nothing is stuck behind it).
     */
    List<String> cycleTo(ActorCell target) {
        List<String> reversed = new ArrayList<>();
        for (WaitChain link = this; link != null; link = link.next) {
            if (link.turn != null && !link.turn.awaitingReply) {
                return null;
            }
            reversed.add(link.waiting.name);
            if (link.waiting == target) {
                List<String> cycle = new ArrayList<>(reversed.reversed());
                cycle.add(target.name);
                return cycle;
            }
        }
        return null;
    }
}
