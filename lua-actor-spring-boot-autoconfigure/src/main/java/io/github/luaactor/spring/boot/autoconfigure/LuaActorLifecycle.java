package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.LuaVmCustomizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the declared actors once every singleton exists (so that {@code @LuaRecipient} beans are registered) and
 * stops them gracefully, running {@code on_stopped}, when the context stops or closes. Runs in phase
 * {@value #PHASE}: actors start before a web server accepts requests and stop after it has stopped.
 */
public class LuaActorLifecycle implements SmartLifecycle {

    /** Before the web server's start ({@code DEFAULT_PHASE - 2048}), after its graceful shutdown. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(LuaActorLifecycle.class);

    private final LuaActorSystem system;

    private final LuaActorDefinitions definitions;

    private final BeanFactory beanFactory;

    private final Duration shutdownTimeout;

    private final @Nullable LuaActorStateSettings stateSettings;

    private final List<LuaActorRef> started = new ArrayList<>();

    private volatile boolean running;

    public LuaActorLifecycle(LuaActorSystem system, LuaActorDefinitions definitions, BeanFactory beanFactory,
            Duration shutdownTimeout) {
        this(system, definitions, beanFactory, shutdownTimeout, null);
    }

    /**
     * @param stateSettings the durable state of each declared actor; {@code null} leaves every actor the system's
     *                      default
     */
    public LuaActorLifecycle(LuaActorSystem system, LuaActorDefinitions definitions, BeanFactory beanFactory,
            Duration shutdownTimeout, @Nullable LuaActorStateSettings stateSettings) {
        this.system = system;
        this.definitions = definitions;
        this.beanFactory = beanFactory;
        this.shutdownTimeout = shutdownTimeout;
        this.stateSettings = stateSettings;
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        List<DeferredLuaActorRef> refs = new ArrayList<>();
        for (LuaActorDefinition definition : this.definitions.definitions()) {
            Object bean = this.beanFactory.getBean(definition.name());
            if (!(bean instanceof DeferredLuaActorRef ref) || ref.definition() != definition) {
                throw new LuaActorConfigurationException("The bean named '" + definition.name()
                        + "' is not the Lua actor " + definition.name() + " (" + definition.origin()
                        + ") but a " + bean.getClass().getName() + ": another bean definition replaced it.",
                        "Rename the actor or the other bean; every Lua actor is a bean named after the actor.");
            }
            LuaActorRef elsewhere = placeElsewhere(definition);
            if (elsewhere != null) {
                ref.bind(elsewhere);
            }
            else {
                refs.add(ref);
            }
        }
        // Every actor's first VM waits at this gate until all actors are registered, so that an on_started hook
        // can send to actors declared after its own.
        CountDownLatch allRegistered = new CountDownLatch(1);
        try {
            startAll(refs, allRegistered);
        }
        catch (RuntimeException ex) {
            // Start-up fails: do not leave the actors started so far running in a system that may outlive us.
            this.started.forEach(LuaActorRef::stop);
            this.started.clear();
            throw ex;
        }
        finally {
            allRegistered.countDown();
        }
        this.running = true;
        if (logger.isInfoEnabled() && !refs.isEmpty()) {
            logger.info("Started " + refs.size() + " Lua actor(s): " + this.definitions.names());
        }
    }

    /**
     * Where a declared actor lives when it is not started in this system: a subclass (the cluster's) returns a ref
     * to it, which the actor's bean then delegates to. {@code null}, the default, starts it here.
     * @param definition the declared actor
     * @return the ref its bean delegates to, or {@code null} to start it in this system
     */
    protected @Nullable LuaActorRef placeElsewhere(LuaActorDefinition definition) {
        return null;
    }

    private void startAll(List<DeferredLuaActorRef> refs, CountDownLatch allRegistered) {
        LuaVmCustomizer gate = (globals) -> awaitQuietly(allRegistered);
        for (DeferredLuaActorRef ref : refs) {
            LuaActorDefinition definition = ref.definition();
            LuaActorRef actor;
            try {
                LuaActorBuilder builder = definition.toBuilder().customizer(gate);
                if (this.stateSettings != null) {
                    builder.state(this.stateSettings.forActor(definition.name()));
                }
                actor = builder.start(this.system);
            }
            catch (LuaScriptException ex) {
                String script = scriptLocation(ex, definition);
                String line = (ex.line() > 0) ? "line " + ex.line() : "unknown line";
                throw new LuaActorConfigurationException("Lua actor '" + definition.name()
                        + "' failed to start: its script " + script + " does not compile (" + line + "): "
                        + ex.luaMessage(), "Fix " + line + " of " + script + ".", ex);
            }
            catch (RuntimeException ex) {
                throw new LuaActorConfigurationException("Lua actor '" + definition.name() + "' ("
                        + definition.origin() + ") failed to start: " + ex.getMessage(),
                        "Check the actor's scripts and the names used by other actors and @LuaRecipient beans.",
                        ex);
            }
            this.started.add(actor);
            ref.bind(actor);
        }
    }

    /** Runs on the actor's own (virtual) thread before its VM runs any script; open at once after start-up. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                logger.warn("Lua actors took more than a minute to register; starting anyway");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String scriptLocation(LuaScriptException ex, LuaActorDefinition definition) {
        for (LuaScript script : new LuaScript[] { definition.handle(), definition.started(), definition.stopped(),
                definition.reload() }) {
            if (script != null && script.chunkName().equals(ex.chunk())) {
                return script.location();
            }
        }
        return (ex.chunk() != null) ? ex.chunk() : definition.origin();
    }

    /**
     * Stops every actor of the system (the declared ones and those they or application code started) within
     * {@code lua-actor.shutdown.timeout} in all: queued messages are handled, then whatever is left is reported as
     * dead letters and {@code on_stopped} runs. The system's own {@code close()} then finds nothing left to wait for,
     * so the whole shutdown takes one timeout, not two.
     */
    @Override
    public synchronized void stop() {
        if (!this.running) {
            return;
        }
        this.running = false;
        this.started.clear();
        try {
            this.system.stopAll(this.shutdownTimeout);
        }
        catch (RuntimeException ex) {
            logger.warn("Error while stopping Lua actors", ex);
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
