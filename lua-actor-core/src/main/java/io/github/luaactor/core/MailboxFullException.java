package io.github.luaactor.core;

/** The actor's bounded mailbox is full and its overflow policy refused the message. */
public class MailboxFullException extends LuaActorException {
    private final int capacity;

    public MailboxFullException(String actor, int capacity) {
        super(actor, "mailbox full: Lua actor '" + actor + "' holds " + capacity + " messages already");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
