package io.github.luaactor.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.luaactor.spring.boot.autoconfigure.UnknownLuaActorPropertiesException.UnknownProperty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds the keys under {@code lua-actor.} that {@link LuaActorProperties} does not bind, in every property source that
 * can list its keys (files, command line, test properties; environment variables map to other names and are not
 * looked at). With {@code lua-actor.fail-on-unknown-properties} (the default) they fail start-up, otherwise each is
 * logged as a warning.
 * <p>
 * {@code @ConfigurationProperties(ignoreUnknownFields = false)} is not enough: it says nothing about keys under a
 * map's values, such as {@code lua-actor.actors.<name>.*}, nor which key was meant.
 */
final class UnknownLuaActorPropertiesCheck {

    static final String FAIL_ON_UNKNOWN = LuaActorProperties.PREFIX + ".fail-on-unknown-properties";

    private static final Log logger = LogFactory.getLog(UnknownLuaActorPropertiesCheck.class);

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(LuaActorProperties.PREFIX);

    private UnknownLuaActorPropertiesCheck() {
    }

    /** Fails with {@link UnknownLuaActorPropertiesException}, or warns, when an unknown key is set. */
    static void check(Environment environment) {
        List<UnknownProperty> unknown = find(environment);
        if (unknown.isEmpty()) {
            return;
        }
        if (Binder.get(environment).bind(FAIL_ON_UNKNOWN, Boolean.class).orElse(true)) {
            throw new UnknownLuaActorPropertiesException(unknown);
        }
        if (logger.isWarnEnabled()) {
            logger.warn(UnknownLuaActorPropertiesException.describe(unknown) + System.lineSeparator()
                    + "They are ignored because " + FAIL_ON_UNKNOWN + "=false.");
        }
    }

    static List<UnknownProperty> find(Environment environment) {
        LuaActorPropertyKeys keys = LuaActorPropertyKeys.get();
        // By name: the same key in several sources is reported once, from the source that wins.
        Map<ConfigurationPropertyName, ConfigurationProperty> found = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream()
                .filter((name) -> PREFIX.isAncestorOf(name) && !keys.isKnown(name))
                .forEach((name) -> {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    if (property != null) {
                        found.putIfAbsent(name, property);
                    }
                });
        }
        List<UnknownProperty> unknown = new ArrayList<>();
        found.forEach((name, property) -> unknown.add(new UnknownProperty(property, keys.closest(name))));
        return unknown;
    }

}
