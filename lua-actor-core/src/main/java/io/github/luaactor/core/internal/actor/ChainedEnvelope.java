package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.mailbox.Envelope;

/** A {@code ctx.send} from one actor to another, with the handlers that wait for its reply ({@link WaitChain}). */
final class ChainedEnvelope extends Envelope {
    final WaitChain chain;

    ChainedEnvelope(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender, long enqueuedNanos,
            WaitChain chain, int sendDepth) {
        super(message, reply, sender, enqueuedNanos, sendDepth);
        this.chain = chain;
    }
}
