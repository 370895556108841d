package io.github.luaactor.core.internal.actor;

import java.util.concurrent.locks.LockSupport;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.MailboxFullException;
import io.github.luaactor.core.internal.mailbox.Envelope;

/**
 * What a send does when the actor's bounded mailbox is full, chosen once from the actor's
 * {@link ActorSettings#overflowPolicy()}. Consulted only when an offer failed: a send into a mailbox with room never
 * reaches it.
 */
sealed interface OverflowStrategy {

    static OverflowStrategy of(ActorSettings settings) {
        return switch (settings.overflowPolicy()) {
            case REJECT -> Reject.INSTANCE;
            case DROP_NEWEST -> DropNewest.INSTANCE;
            case DROP_OLDEST -> DropOldest.INSTANCE;
            case BLOCK -> new Block(settings.enqueueTimeout().toNanos());
        };
    }

    /** Deals with a message the full mailbox refused; throws when the sender is to see the refusal. */
    void overflow(ActorCell cell, Envelope envelope);

    /** Throws {@link MailboxFullException} at the sender (and reports a dead letter). */
    enum Reject implements OverflowStrategy {
        INSTANCE;

        @Override
        public void overflow(ActorCell cell, Envelope envelope) {
            cell.deadLetter(DeadLetter.Reason.MAILBOX_FULL, envelope.message, envelope.sender);
            throw new MailboxFullException(cell.name, cell.mailbox.capacity());
        }
    }

    /** Drops the new message: a dead letter, and its reply (if wanted) fails. */
    enum DropNewest implements OverflowStrategy {
        INSTANCE;

        @Override
        public void overflow(ActorCell cell, Envelope envelope) {
            drop(cell, envelope, DeadLetter.Reason.DROPPED_NEWEST);
        }
    }

    /** Drops the oldest queued messages until the new one fits; control envelopes are never dropped. */
    enum DropOldest implements OverflowStrategy {
        INSTANCE;

        @Override
        public void overflow(ActorCell cell, Envelope envelope) {
            do {
                Envelope oldest = cell.mailbox.removeOldestMessage();
                if (oldest == null) {
                    // Only stop and reload envelopes fill the mailbox; they are never dropped, so this one is.
                    drop(cell, envelope, DeadLetter.Reason.DROPPED_NEWEST);
                    return;
                }
                drop(cell, oldest, DeadLetter.Reason.DROPPED_OLDEST);
            } while (!cell.mailbox.offer(envelope, QueuedMessages.bytesIfLarge(envelope.message)));
            cell.schedule();
        }
    }

    /**
     * Waits for room, with a back-off from 10 µs to 1 ms between tries, then rejects like {@link Reject}; a stop
     * meanwhile refuses the message as stopped.
     */
    record Block(long timeoutNanos) implements OverflowStrategy {
        @Override
        public void overflow(ActorCell cell, Envelope envelope) {
            long deadline = System.nanoTime() + timeoutNanos;
            long pause = 10_000;
            while (System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(cell, pause);
                pause = Math.min(pause * 2, 1_000_000);
                if (!cell.state.isAlive()) {
                    cell.rejectStopped(envelope.message, envelope.sender);
                }
                if (cell.mailbox.offer(envelope, QueuedMessages.bytesIfLarge(envelope.message))) {
                    cell.schedule();
                    return;
                }
            }
            Reject.INSTANCE.overflow(cell, envelope);
        }
    }

    private static void drop(ActorCell cell, Envelope envelope, DeadLetter.Reason reason) {
        cell.deadLetter(reason, envelope.message, envelope.sender);
        if (envelope.reply != null) {
            envelope.reply.completeExceptionally(new MailboxFullException(cell.name, cell.mailbox.capacity()));
        }
    }
}
