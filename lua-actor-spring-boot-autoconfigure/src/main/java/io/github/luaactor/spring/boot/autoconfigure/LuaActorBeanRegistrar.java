package io.github.luaactor.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.LuaScript;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.StringUtils;

/**
 * Registers one {@link DeferredLuaActorRef} singleton bean per actor, named after it, plus the
 * {@link LuaActorDefinitions} bean, before any singleton is created. Reads {@code lua-actor.*} with a
 * {@link Binder} ({@code @ConfigurationProperties} beans are not bound this early), strictly under
 * {@code lua-actor.actors}, and finds scripts with a {@link ResourcePatternResolver}.
 */
public class LuaActorBeanRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        ResourceLoaderAware, Ordered {

    static final String STARTED_SUFFIX = ".started";

    static final String STOPPED_SUFFIX = ".stopped";

    static final String RELOAD_SUFFIX = ".reload";

    private static final String LUA = ".lua";

    private @Nullable Environment environment;

    private ResourceLoader resourceLoader = new DefaultResourceLoader();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        if (this.environment == null) {
            throw new IllegalStateException("No Environment was set on " + getClass().getSimpleName());
        }
        // First: a misspelt key must be reported as such, not as whatever it failed to configure.
        UnknownLuaActorPropertiesCheck.check(this.environment);
        List<LuaActorDefinition> definitions = readDefinitions(this.environment,
                ResourcePatternUtils.getResourcePatternResolver(this.resourceLoader));
        for (LuaActorDefinition definition : definitions) {
            checkNameIsFree(registry, definition);
            RootBeanDefinition bean = new RootBeanDefinition(DeferredLuaActorRef.class,
                    () -> new DeferredLuaActorRef(definition));
            bean.setResourceDescription("Lua actor '" + definition.name() + "' (" + definition.origin() + ")");
            bean.setRole(BeanDefinition.ROLE_APPLICATION);
            registry.registerBeanDefinition(definition.name(), bean);
        }
        LuaActorDefinitions all = new LuaActorDefinitions(definitions);
        RootBeanDefinition holder = new RootBeanDefinition(LuaActorDefinitions.class, () -> all);
        holder.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(LuaActorDefinitions.BEAN_NAME, holder);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
    }

    private static void checkNameIsFree(BeanDefinitionRegistry registry, LuaActorDefinition definition) {
        String name = definition.name();
        String other = null;
        if (registry.containsBeanDefinition(name)) {
            BeanDefinition existing = registry.getBeanDefinition(name);
            StringBuilder sb = new StringBuilder("bean '").append(name).append("'");
            String type = existing.getBeanClassName();
            if (type == null && existing.getFactoryMethodName() != null) {
                type = "returned by @Bean method " + existing.getFactoryMethodName() + "()";
            }
            if (type != null) {
                sb.append(" (").append(type).append(")");
            }
            if (existing.getResourceDescription() != null) {
                sb.append(" defined in ").append(existing.getResourceDescription());
            }
            other = sb.toString();
        }
        else if (registry.isAlias(name)) {
            other = "an alias '" + name + "' of another bean";
        }
        else if (registry instanceof SingletonBeanRegistry singletons && singletons.containsSingleton(name)) {
            other = "singleton bean '" + name + "' (" + singletons.getSingleton(name).getClass().getName() + ")";
        }
        if (other != null) {
            throw new LuaActorConfigurationException(
                    "The Lua actor '" + name + "' (" + definition.origin() + ") cannot be registered as a bean: its "
                            + "name clashes with " + other + ". Every Lua actor is a bean named after the actor.",
                    "Rename the actor (its script file, or its key under lua-actor.actors) or the other bean, or "
                            + "disable the actor with lua-actor.actors." + name + ".enabled=false.");
        }
    }

    /** Reads the enabled actors from the environment and the script location, in a stable order. */
    static List<LuaActorDefinition> readDefinitions(Environment environment, ResourcePatternResolver resources) {
        Binder binder = Binder.get(environment);
        LuaActorProperties properties = binder.bind(LuaActorProperties.PREFIX, LuaActorProperties.class)
            .orElseGet(LuaActorProperties::new);
        // Strict: a typo under lua-actor.actors.<name> must not silently be ignored (unless asked to).
        BindHandler handler = properties.isFailOnUnknownProperties()
                ? new NoUnboundElementsBindHandler(BindHandler.DEFAULT) : BindHandler.DEFAULT;
        Map<String, LuaActorProperties.Actor> configured = binder
            .bind(LuaActorProperties.PREFIX + ".actors",
                    Bindable.mapOf(String.class, LuaActorProperties.Actor.class), handler)
            .orElseGet(LinkedHashMap::new);
        Map<String, ScriptFiles> discovered = discover(properties.getScripts(), resources);
        Map<String, LuaActorProperties.Actor> names = new LinkedHashMap<>();
        discovered.keySet().forEach((name) -> names.put(name, configured.get(name)));
        configured.forEach(names::putIfAbsent);

        List<LuaActorDefinition> definitions = new ArrayList<>();
        for (Map.Entry<String, LuaActorProperties.Actor> entry : names.entrySet()) {
            String name = entry.getKey();
            LuaActorProperties.Actor actor = (entry.getValue() != null) ? entry.getValue()
                    : new LuaActorProperties.Actor();
            if (!actor.isEnabled()) {
                continue;
            }
            ScriptFiles files = discovered.getOrDefault(name, new ScriptFiles(name));
            definitions.add(define(name, actor, files, properties, resources));
        }
        return definitions;
    }

    private static LuaActorDefinition define(String name, LuaActorProperties.Actor actor, ScriptFiles files,
            LuaActorProperties properties, ResourcePatternResolver resources) {
        String key = LuaActorProperties.PREFIX + ".actors." + name;
        LuaScript handle = script(name, "handle", actor.getHandle(), actor.getHandleScript(), files.handle, key,
                resources);
        if (handle == null) {
            if (files.hasHooks()) {
                throw new LuaActorConfigurationException(
                        "Lua actor hook script " + files.hooks() + " has no actor: there is no " + name + LUA
                                + " next to it and no " + key + ".handle or " + key + ".handle-script.",
                        "Add " + name + LUA + " (the per-message handler), declare the handler under " + key
                                + ", or rename the hook file.");
            }
            throw new LuaActorConfigurationException(
                    "Lua actor '" + name + "' declared under " + key + " has no handler script.",
                    "Set " + key + ".handle (inline Lua) or " + key + ".handle-script (a resource location), or add "
                            + name + LUA + " to " + properties.getScripts() + ".");
        }
        LuaScript started = script(name, "started", actor.getStarted(), actor.getStartedScript(), files.started, key,
                resources);
        LuaScript stopped = script(name, "stopped", actor.getStopped(), actor.getStoppedScript(), files.stopped, key,
                resources);
        LuaScript reload = script(name, "reload", actor.getReload(), actor.getReloadScript(), files.reload, key,
                resources);
        UnaryOperator<ActorSettings> overrides;
        try {
            // Fail now, naming the key, rather than when the actor starts.
            overrides = LuaActorSettingsMapper.overrides(name, actor);
            overrides.apply(LuaActorSettingsMapper.defaults(properties.getDefaults()));
        }
        catch (IllegalArgumentException ex) {
            throw new LuaActorConfigurationException(
                    "Invalid settings for Lua actor '" + name + "': " + ex.getMessage(),
                    "Fix the values under " + key + " or lua-actor.defaults.", ex);
        }
        String origin = (files.handle != null && actor.getHandle() == null && actor.getHandleScript() == null)
                ? files.handle.getDescription() : key;
        return new LuaActorDefinition(name, handle, started, stopped, reload, overrides, origin);
    }

    private static @Nullable LuaScript script(String actor, String hook, @Nullable String inline,
            @Nullable String location, @Nullable Resource discovered, String key, ResourcePatternResolver resources) {
        String inlineKey = key + "." + hook;
        String locationKey = key + "." + hook + "-script";
        if (inline != null && location != null) {
            throw new LuaActorConfigurationException(
                    "Both " + inlineKey + " and " + locationKey + " are set for Lua actor '" + actor + "'.",
                    "Keep only one of them.");
        }
        if (inline != null) {
            return new LuaScript(actor + "." + hook, inline, "inline (" + inlineKey + ")");
        }
        if (location != null) {
            return read(resolveOne(location, locationKey, resources));
        }
        return (discovered != null) ? read(discovered) : null;
    }

    private static Resource resolveOne(String location, String key, ResourcePatternResolver resources) {
        Resource[] matches;
        try {
            matches = resources.getResources(location);
        }
        catch (IOException ex) {
            throw new LuaActorConfigurationException("Cannot read " + key + " '" + location + "': " + ex.getMessage(),
                    "Check the location set in " + key + ".", ex);
        }
        List<Resource> existing = Arrays.stream(matches).filter(Resource::exists).toList();
        if (existing.size() != 1) {
            throw new LuaActorConfigurationException(
                    (existing.isEmpty() ? "No Lua script found" : existing.size() + " Lua scripts found") + " at "
                            + key + " '" + location + "'" + (existing.isEmpty() ? "." : ": " + existing),
                    "Point " + key + " at exactly one script, such as classpath:scripts/my-actor.lua.");
        }
        return existing.get(0);
    }

    static LuaScript read(Resource resource) {
        try {
            String source = LuaScript.sourceText(resource.getContentAsByteArray());
            String file = resource.getFilename();
            return new LuaScript((file != null) ? file : resource.getDescription(), source, resource.getDescription());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read Lua script " + resource.getDescription(), ex);
        }
    }

    /** Groups the matches of {@code lua-actor.scripts} by actor name: handlers and their sibling hooks. */
    static Map<String, ScriptFiles> discover(String pattern, ResourcePatternResolver resources) {
        Map<String, ScriptFiles> byName = new LinkedHashMap<>();
        if (!StringUtils.hasText(pattern)) {
            return byName;
        }
        Resource[] matches;
        try {
            matches = resources.getResources(pattern.trim());
        }
        catch (IOException ex) {
            throw new LuaActorConfigurationException(
                    "Cannot list Lua actor scripts at lua-actor.scripts '" + pattern + "': " + ex.getMessage(),
                    "Check lua-actor.scripts.", ex);
        }
        List<Resource> sorted = new ArrayList<>(Arrays.asList(matches));
        sorted.removeIf((r) -> r.getFilename() == null || !r.getFilename().toLowerCase(Locale.ROOT).endsWith(LUA));
        sorted.sort((a, b) -> a.getFilename().compareTo(b.getFilename()));
        for (Resource resource : sorted) {
            String base = resource.getFilename().substring(0, resource.getFilename().length() - LUA.length());
            if (base.endsWith(STARTED_SUFFIX)) {
                files(byName, base, STARTED_SUFFIX).started = unique(files(byName, base, STARTED_SUFFIX).started,
                        resource);
            }
            else if (base.endsWith(STOPPED_SUFFIX)) {
                files(byName, base, STOPPED_SUFFIX).stopped = unique(files(byName, base, STOPPED_SUFFIX).stopped,
                        resource);
            }
            else if (base.endsWith(RELOAD_SUFFIX)) {
                files(byName, base, RELOAD_SUFFIX).reload = unique(files(byName, base, RELOAD_SUFFIX).reload,
                        resource);
            }
            else {
                ScriptFiles files = byName.computeIfAbsent(base, ScriptFiles::new);
                files.handle = unique(files.handle, resource);
            }
        }
        return byName;
    }

    private static ScriptFiles files(Map<String, ScriptFiles> byName, String base, String suffix) {
        return byName.computeIfAbsent(base.substring(0, base.length() - suffix.length()), ScriptFiles::new);
    }

    private static Resource unique(@Nullable Resource existing, Resource found) {
        if (existing != null) {
            throw new LuaActorConfigurationException(
                    "Two Lua scripts named " + found.getFilename() + " match lua-actor.scripts: "
                            + existing.getDescription() + " and " + found.getDescription() + ".",
                    "Rename one of them, or narrow lua-actor.scripts so that it matches only one.");
        }
        return found;
    }

    /** The discovered files of one actor. */
    static final class ScriptFiles {

        final String name;

        @Nullable Resource handle;

        @Nullable Resource started;

        @Nullable Resource stopped;

        @Nullable Resource reload;

        ScriptFiles(String name) {
            this.name = name;
        }

        boolean hasHooks() {
            return this.started != null || this.stopped != null || this.reload != null;
        }

        List<String> hooks() {
            List<String> hooks = new ArrayList<>();
            for (Resource hook : new Resource[] { this.started, this.stopped, this.reload }) {
                if (hook != null) {
                    hooks.add(hook.getDescription());
                }
            }
            return hooks;
        }

    }

}
