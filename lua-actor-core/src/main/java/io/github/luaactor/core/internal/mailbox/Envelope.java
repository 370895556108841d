package io.github.luaactor.core.internal.mailbox;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;

/** A message in a mailbox, with where its reply goes ({@code null} for fire-and-forget). */
public class Envelope {
    /** Marks the end of what a graceful stop still handles. */
    public static final Envelope STOP = new Envelope(LuaMessage.NIL, null, null, 0L);

    public final LuaMessage message;
    public final CompletableFuture<LuaMessage> reply;
    public final String sender;
    public final long enqueuedNanos;

    public Envelope(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender, long enqueuedNanos) {
        this.message = message;
        this.reply = reply;
        this.sender = sender;
        this.enqueuedNanos = enqueuedNanos;
    }

    /** Control envelopes keep their place in the queue: they bypass capacity and are never dropped. */
    public boolean isControl() {
        return this == STOP;
    }
}
