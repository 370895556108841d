package io.github.luaactor.core;

/** A message was addressed to a name that no actor or Java recipient has. */
public class UnknownRecipientException extends LuaActorException {
    private final String recipient;

    public UnknownRecipientException(String actor, String recipient) {
        super(actor, "unknown recipient '" + recipient + "'" + (actor == null ? "" : " (sent by actor '" + actor + "')"));
        this.recipient = recipient;
    }

    public String recipient() {
        return recipient;
    }
}
