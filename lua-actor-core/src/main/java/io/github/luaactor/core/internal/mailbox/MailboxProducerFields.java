package io.github.luaactor.core.internal.mailbox;

/** The fields of a {@link Mailbox} that senders write; see {@link MailboxConsumerFields}. */
abstract class MailboxProducerFields extends MailboxPadding {
    volatile Mailbox.Node tail;
    volatile long offered;
    /** Producers may reserve below this without reading {@code polled}; a stale value is only smaller. */
    long producerLimit;
    /**
     * Sends until the next one is stamped for the timers ({@link Mailbox#stampThisSend}). Senders write it without
     * synchronisation: a lost update only moves a sample by a message, and an atomic counter would cost every send
     * more than the clock read it saves.
     */
    int sendsUntilTimed;
    /** Read by every bounded send: on the senders' line. */
    final int capacity;

    MailboxProducerFields(int capacity, boolean sharedConsumer) {
        super(sharedConsumer);
        this.capacity = capacity;
    }
}
