package io.github.luaactor.core.internal;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;

/** A message in a mailbox, with where its reply goes ({@code null} for fire-and-forget). */
class Envelope {
    /** Marks the end of what a graceful stop still handles. */
    static final Envelope STOP = new Envelope(LuaMessage.NIL, null, null, 0L);

    final LuaMessage message;
    final CompletableFuture<LuaMessage> reply;
    final String sender;
    final long enqueuedNanos;

    Envelope(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender, long enqueuedNanos) {
        this.message = message;
        this.reply = reply;
        this.sender = sender;
        this.enqueuedNanos = enqueuedNanos;
    }

    /** Control envelopes keep their place in the queue: they bypass capacity and are never dropped. */
    boolean isControl() {
        return this == STOP;
    }
}
