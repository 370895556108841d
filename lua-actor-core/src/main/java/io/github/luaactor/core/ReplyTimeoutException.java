package io.github.luaactor.core;

import java.time.Duration;

/**
 * No reply arrived within the caller's timeout ({@link LuaActorRef#call(LuaMessage, Duration)}). The message was
 * accepted: the actor may still handle it later.
 */
public class ReplyTimeoutException extends LuaActorException {
    private final Duration timeout;

    public ReplyTimeoutException(String actor, Duration timeout) {
        super(actor, "no reply from Lua actor '" + actor + "' within " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    /** For a subclass that says more about why no reply came. */
    protected ReplyTimeoutException(String actor, String message, Duration timeout) {
        super(actor, message);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
