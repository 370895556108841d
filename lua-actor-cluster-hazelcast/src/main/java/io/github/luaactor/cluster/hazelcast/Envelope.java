package io.github.luaactor.cluster.hazelcast;

import java.util.UUID;

/**
 * One message inside a {@link BatchFrame}: a delivery to an actor on the receiving member, or a reply (a value or a
 * failure) to an ask the receiving member sent. Payloads are already in {@link WireCodec}'s form.
 */
sealed interface Envelope {

    String actor();

    /** 0 for a tell; otherwise the asker's id of the ask. */
    long correlationId();

    /**
     * A message for {@code actor}. {@code replyTo} is the asking member (null for a tell); {@code forwarded} is set
     * when a member that no longer owned the actor passed it on, so it is passed on at most once.
     */
    record Deliver(String actor, String sender, long correlationId, UUID replyTo, byte[] payload, boolean forwarded)
            implements Envelope {
        Deliver forwardedCopy() {
            return new Deliver(actor, sender, correlationId, replyTo, payload, true);
        }
    }

    /** The handler's return value. */
    record Reply(String actor, long correlationId, byte[] payload) implements Envelope {
    }

    /** The handler's failure: its type's simple name and its message (exceptions do not cross members). */
    record Failure(String actor, long correlationId, String type, String message) implements Envelope {
        static Failure of(String actor, long correlationId, Throwable failure) {
            return new Failure(actor, correlationId, failure.getClass().getSimpleName(),
                    String.valueOf(failure.getMessage()));
        }
    }
}
