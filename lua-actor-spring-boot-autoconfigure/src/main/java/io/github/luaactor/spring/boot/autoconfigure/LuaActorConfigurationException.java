package io.github.luaactor.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A Lua actor set-up mistake found at start-up (name clash, missing script, bad recipient method...). Its message
 * says what is wrong and {@link #getAction()} how to fix it; {@link LuaActorFailureAnalyzer} shows both.
 */
public class LuaActorConfigurationException extends RuntimeException {

    private final String action;

    public LuaActorConfigurationException(String message, String action) {
        this(message, action, null);
    }

    public LuaActorConfigurationException(String message, String action, @Nullable Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What the user should do about it. */
    public String getAction() {
        return this.action;
    }

}
