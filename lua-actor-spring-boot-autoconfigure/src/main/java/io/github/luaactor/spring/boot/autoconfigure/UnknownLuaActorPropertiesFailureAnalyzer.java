package io.github.luaactor.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains {@link UnknownLuaActorPropertiesException}: each unknown key, where it was set and the closest valid key.
 * Ordered first so that it wins over Spring Boot's generic analysis of the unbound properties it carries as cause.
 */
class UnknownLuaActorPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownLuaActorPropertiesException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownLuaActorPropertiesException cause) {
        String action = "Correct the key (or remove it): docs/configuration.md lists every lua-actor key, and an IDE "
                + "completes them from the configuration metadata. To start despite unknown keys under lua-actor. "
                + "(they are then logged as warnings and ignored), set lua-actor.fail-on-unknown-properties=false.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
