package io.github.luaactor.core;

/** What a bounded mailbox does with a message that does not fit. */
public enum OverflowPolicy {
    /** Refuse it: {@code doSend} throws {@link MailboxFullException}, {@code send} completes with it. */
    REJECT,
    /** Accept it and drop the oldest queued message as a dead letter. */
    DROP_OLDEST,
    /** Drop the new message as a dead letter; the sender is not told. */
    DROP_NEWEST,
    /** Wait up to the enqueue timeout for room, then reject. */
    BLOCK
}
