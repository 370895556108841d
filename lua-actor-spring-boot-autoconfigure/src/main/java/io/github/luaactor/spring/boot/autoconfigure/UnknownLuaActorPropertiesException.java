package io.github.luaactor.spring.boot.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;

/**
 * Keys under {@code lua-actor.} that no setting binds to, usually typos: a misspelt key must fail start-up rather than
 * be silently ignored. {@link UnknownLuaActorPropertiesFailureAnalyzer} names each key, where it was set and the
 * closest valid key. Its cause is Spring Boot's {@link UnboundConfigurationPropertiesException} for the same
 * properties. Switched off with {@code lua-actor.fail-on-unknown-properties=false}.
 */
public class UnknownLuaActorPropertiesException extends RuntimeException {

    private final List<UnknownProperty> properties;

    public UnknownLuaActorPropertiesException(List<UnknownProperty> properties) {
        super(describe(properties), new UnboundConfigurationPropertiesException(unbound(properties)));
        this.properties = List.copyOf(properties);
    }

    /** The unknown keys, in the order of their names. */
    public List<UnknownProperty> getProperties() {
        return this.properties;
    }

    static String describe(List<UnknownProperty> properties) {
        StringBuilder description = new StringBuilder((properties.size() == 1)
                ? "An unknown Lua actor configuration key is set:" : "Unknown Lua actor configuration keys are set:");
        for (UnknownProperty property : properties) {
            description.append(System.lineSeparator()).append("    ").append(property.describe());
        }
        return description.toString();
    }

    private static Set<ConfigurationProperty> unbound(List<UnknownProperty> properties) {
        Set<ConfigurationProperty> unbound = new TreeSet<>();
        properties.forEach((property) -> unbound.add(property.property()));
        return unbound;
    }

    /**
     * One unknown key.
     *
     * @param property   the property as set, with its value and origin
     * @param suggestion the valid key closest to it
     */
    public record UnknownProperty(ConfigurationProperty property, String suggestion) {

        /** The key as set, such as {@code lua-actor.defaults.mailbox-capacty}. */
        public String key() {
            return this.property.getName().toString();
        }

        /** Where the key was set (file and line, when known). */
        public @Nullable Origin origin() {
            return this.property.getOrigin();
        }

        String describe() {
            Origin origin = origin();
            return "'" + key() + "'" + ((origin != null) ? " (" + origin + ")" : "") + ": did you mean '"
                    + this.suggestion + "'?";
        }

    }

}
