package io.github.luaactor.spring.boot.autoconfigure;

import io.github.luaactor.core.LuaScriptException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link LuaScriptException} that stopped start-up outside the auto-configuration (for example an actor
 * started from user code), naming the script and line.
 */
class LuaScriptFailureAnalyzer extends AbstractFailureAnalyzer<LuaScriptException> {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, LuaScriptException cause) {
        if (findCause(rootFailure, LuaActorConfigurationException.class) != null) {
            return null;
        }
        String where = (cause.chunk() != null) ? cause.chunk() + ((cause.line() > 0) ? ":" + cause.line() : "")
                : "a Lua script";
        return new FailureAnalysis(cause.getMessage(), "Fix the Lua error in " + where + ".", cause);
    }

}
