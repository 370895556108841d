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
    /**
     * How many handlers wait, one on the next, for this message's reply ({@code ctx.send} chains): 0 from Java.
     * Costs up to 8 bytes per envelope with 12-byte object headers (none with compact headers); messages sent
     * bare, fire-and-forget from Java, have no envelope at all.
     */
    public final int sendDepth;

    public Envelope(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender, long enqueuedNanos) {
        this(message, reply, sender, enqueuedNanos, 0);
    }

    public Envelope(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender, long enqueuedNanos,
            int sendDepth) {
        this.message = message;
        this.reply = reply;
        this.sender = sender;
        this.enqueuedNanos = enqueuedNanos;
        this.sendDepth = sendDepth;
    }

    /** Control envelopes keep their place in the queue: they bypass capacity and are never dropped. */
    public boolean isControl() {
        return this == STOP;
    }
}
