package io.github.luaactor.core.internal.mailbox;

/**
 * The fields of a {@link Mailbox}, split by writer with a cache line of padding between: the actor's thread writes
 * {@code head} and {@code polled} for every message it takes, senders write {@code tail} and {@code offered} for
 * every message they add, and on one cache line each write would cost the other side a miss. HotSpot lays out a
 * superclass's fields before a subclass's, and byte padding leaves no hole that a later field could move into.
 */
abstract class MailboxConsumerFields {
    /** The last node taken; read and written by the consumer only. */
    Mailbox.Node head;
    volatile long polled;
    /**
     * The last node {@link Mailbox#removeOldestMessage} emptied while the consumer has not passed it: every node
     * before it is empty or a control envelope. Guarded by the mailbox's lock, like every take in that mode.
     */
    Mailbox.Node dropFrom;
    /**
     * The estimated bytes of the large messages waiting. Here, on the consumer's line: the actor's thread reads it at
     * every turn, while senders write it only for large messages (rare), so it must not sit beside {@code tail} and
     * {@code offered}, which senders write for every message (reading it there cost the tell path about 15 %).
     */
    volatile long queuedBytes;
    /**
     * Every take reads it, so it lies here and not with the mailbox's other settings, which HotSpot would place after
     * the producers' fields, on the line that senders write for every message.
     */
    final boolean sharedConsumer;

    MailboxConsumerFields(boolean sharedConsumer) {
        this.sharedConsumer = sharedConsumer;
    }
}
