package io.github.luaactor.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaRecipient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link LuaRecipient @LuaRecipient} beans and methods as beans are initialized, and registers them with the
 * {@link LuaActorSystem} once every singleton exists (before any actor starts). Names may hold {@code ${...}}
 * placeholders. A blank name, a name used twice, or a name used by a Lua actor fails start-up naming both sides.
 * Recipients of beans created later (lazy beans) are registered as soon as they are created.
 */
public class LuaRecipientBeanPostProcessor implements BeanPostProcessor, SmartInitializingSingleton,
        BeanFactoryAware, DisposableBean {

    private static final Log logger = LogFactory.getLog(LuaRecipientBeanPostProcessor.class);

    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

    private final Map<String, Recipient> recipients = Collections.synchronizedMap(new LinkedHashMap<>());

    private @Nullable ConfigurableListableBeanFactory beanFactory;

    private volatile @Nullable LuaActorSystem system;

    /** How long a recipient method's CompletionStage is waited for: the longest ask timeout of any actor. */
    private volatile Duration maxAskTimeout = ActorSettings.defaults().askTimeout();

    /** A Java recipient found on a bean. */
    record Recipient(String name, String beanName, String description, LuaMessageHandler handler) {
    }

    /** Whether a class carries {@code @LuaRecipient}, on itself or on a method. */
    static boolean hasLuaRecipients(@Nullable Class<?> type) {
        if (type == null) {
            return false;
        }
        Class<?> userClass = ClassUtils.getUserClass(type);
        return AnnotatedElementUtils.hasAnnotation(userClass, LuaRecipient.class)
                || !MethodIntrospector.selectMethods(userClass,
                        (ReflectionUtils.MethodFilter) (method) -> AnnotatedElementUtils.hasAnnotation(method,
                                LuaRecipient.class))
                    .isEmpty();
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (this.nonAnnotatedClasses.contains(targetClass)) {
            return bean;
        }
        boolean found = false;
        LuaRecipient onType = AnnotatedElementUtils.findMergedAnnotation(targetClass, LuaRecipient.class);
        if (onType != null) {
            found = true;
            String name = resolveName(onType, "class " + targetClass.getName() + " (bean '" + beanName + "')");
            if (!(bean instanceof LuaMessageHandler handler)) {
                throw new LuaActorConfigurationException("@LuaRecipient(\"" + name + "\") is on class "
                        + targetClass.getName() + " (bean '" + beanName + "'), which does not implement "
                        + LuaMessageHandler.class.getName() + ".",
                        "Implement LuaMessageHandler, or put @LuaRecipient on a method of the bean instead.");
            }
            add(new Recipient(name, beanName, "bean '" + beanName + "' (" + targetClass.getName() + ")", handler));
        }
        Map<Method, LuaRecipient> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<LuaRecipient>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, LuaRecipient.class));
        for (Map.Entry<Method, LuaRecipient> entry : methods.entrySet()) {
            found = true;
            Method method = entry.getKey();
            String name = resolveName(entry.getValue(),
                    "method " + targetClass.getName() + "." + method.getName() + " (bean '" + beanName + "')");
            LuaRecipientMethodAdapter adapter = LuaRecipientMethodAdapter.create(name, beanName, bean, method,
                    () -> this.maxAskTimeout);
            add(new Recipient(name, beanName, adapter.toString(), adapter));
        }
        if (!found) {
            this.nonAnnotatedClasses.add(targetClass);
        }
        return bean;
    }

    private String resolveName(LuaRecipient annotation, String where) {
        String raw = annotation.value();
        String name = raw;
        if (this.beanFactory != null && raw != null) {
            try {
                name = this.beanFactory.resolveEmbeddedValue(raw);
            }
            catch (IllegalArgumentException ex) {
                throw new LuaActorConfigurationException("The name \"" + raw + "\" of @LuaRecipient on " + where
                        + " cannot be resolved: " + ex.getMessage(), "Define the property it refers to.", ex);
            }
        }
        if (name != null && name.contains("${")) {
            // the context's fallback resolver leaves unresolvable placeholders as they are
            throw new LuaActorConfigurationException("The name \"" + raw + "\" of @LuaRecipient on " + where
                    + " has a placeholder that cannot be resolved.", "Define the property it refers to.");
        }
        if (!StringUtils.hasText(name)) {
            throw new LuaActorConfigurationException("@LuaRecipient on " + where + " has no name"
                    + ((raw != null && !raw.equals(name)) ? " (\"" + raw + "\" resolved to \"" + name + "\")" : "")
                    + ".", "Give it the name Lua uses in ctx.send(name, msg), such as @LuaRecipient(\"directory\").");
        }
        return name.trim();
    }

    private void add(Recipient recipient) {
        Recipient existing;
        synchronized (this.recipients) {
            existing = this.recipients.putIfAbsent(recipient.name(), recipient);
        }
        if (existing != null) {
            throw new LuaActorConfigurationException(
                    "The Lua recipient name '" + recipient.name() + "' is used twice: by " + existing.description()
                            + " and by " + recipient.description() + ".",
                    "Give each @LuaRecipient a different name.");
        }
        LuaActorSystem running = this.system;
        if (running != null) {
            // A bean created after start-up (lazy): register it at once.
            register(running, recipient);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (this.beanFactory == null) {
            return;
        }
        LuaActorDefinitions actors = this.beanFactory.getBeanProvider(LuaActorDefinitions.class).getIfAvailable();
        LuaActorSystem actorSystem = this.beanFactory.getBean(LuaActorSystem.class);
        this.maxAskTimeout = maxAskTimeout(actorSystem,
                this.beanFactory.getBeanProvider(LuaActorProperties.class).getIfAvailable());
        Map<String, Recipient> snapshot;
        synchronized (this.recipients) {
            snapshot = new LinkedHashMap<>(this.recipients);
            if (actors != null) {
                for (Recipient recipient : snapshot.values()) {
                    actors.find(recipient.name()).ifPresent((actor) -> {
                        throw new LuaActorConfigurationException("The name '" + recipient.name()
                                + "' is used by both the Lua actor '" + actor.name() + "' (" + actor.origin()
                                + ") and the Java recipient " + recipient.description()
                                + "; actors and Java recipients share one name space.",
                                "Rename the @LuaRecipient or the actor.");
                    });
                }
            }
            for (Recipient recipient : snapshot.values()) {
                register(actorSystem, recipient);
            }
            this.system = actorSystem;
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Registered Lua recipients " + snapshot.keySet());
        }
    }

    private static Duration maxAskTimeout(LuaActorSystem system, @Nullable LuaActorProperties properties) {
        Duration max = system.defaultSettings().askTimeout();
        if (properties != null) {
            for (LuaActorProperties.Actor actor : properties.getActors().values()) {
                Duration askTimeout = actor.getAskTimeout();
                if (askTimeout != null && askTimeout.compareTo(max) > 0) {
                    max = askTimeout;
                }
            }
        }
        return max;
    }

    /** Releases recipient calls still waiting for a CompletionStage: no actor is left to take their replies. */
    @Override
    public void destroy() {
        synchronized (this.recipients) {
            for (Recipient recipient : this.recipients.values()) {
                if (recipient.handler() instanceof LuaRecipientMethodAdapter adapter) {
                    adapter.close();
                }
            }
        }
    }

    private static void register(LuaActorSystem system, Recipient recipient) {
        try {
            system.addRecipient(recipient.name(), recipient.handler());
        }
        catch (RuntimeException ex) {
            throw new LuaActorConfigurationException("Cannot register the Lua recipient '" + recipient.name()
                    + "' of " + recipient.description() + ": " + ex.getMessage(),
                    "Give the @LuaRecipient a name that no actor or other recipient uses.", ex);
        }
    }

    /** The recipients found so far, by name. */
    public Map<String, String> recipients() {
        synchronized (this.recipients) {
            Map<String, String> view = new LinkedHashMap<>();
            this.recipients.forEach((name, recipient) -> view.put(name, recipient.description()));
            return view;
        }
    }

}
