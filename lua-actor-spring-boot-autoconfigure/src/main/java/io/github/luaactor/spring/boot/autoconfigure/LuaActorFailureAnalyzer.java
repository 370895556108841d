package io.github.luaactor.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains {@link LuaActorConfigurationException}s: name clashes, bad scripts, bad recipients. */
class LuaActorFailureAnalyzer extends AbstractFailureAnalyzer<LuaActorConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LuaActorConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }

}
