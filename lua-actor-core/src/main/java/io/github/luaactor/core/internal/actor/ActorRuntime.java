package io.github.luaactor.core.internal.actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.LuaScriptResolver;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.core.Quota;
import io.github.luaactor.core.QuotaExceededException;
import io.github.luaactor.core.internal.compile.ScriptCompiler;
import io.github.luaactor.core.internal.dispatch.Dispatcher;
import io.github.luaactor.core.internal.vm.ActorScripts;
import io.github.luaactor.core.internal.vm.ModuleUser;
import io.github.luaactor.core.internal.vm.Modules;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind a {@code LuaActorSystem}: it puts together the name space ({@link Directory}), the threads
 * ({@link Dispatcher}), the script cache, shared modules and dead-letter reporting, starts actors and stops them.
 * Internal: use {@code LuaActorSystem}.
 */
public final class ActorRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ActorRuntime.class);

    private final Dispatcher dispatcher = new Dispatcher();
    private final Directory directory = new Directory();
    private final DeadLetters deadLetters = new DeadLetters();
    private final ScriptCompiler compiler = new ScriptCompiler();
    private final ActorSettings defaults;
    private volatile StateSettings defaultState = StateSettings.NONE;
    private final Duration shutdownTimeout;
    private final LuaScriptResolver resolver;
    private final Modules modules;
    private final SystemParts parts;
    private final SystemLimits limits;
    /** Lua actors started and not yet terminated, bounded by {@link SystemLimits#maxActors()}. */
    private final AtomicInteger liveActors = new AtomicInteger();
    private volatile boolean closed;

    public ActorRuntime(ActorSettings defaults, Duration shutdownTimeout, LuaActorMonitor monitor,
            LuaScriptResolver resolver, List<LuaVmCustomizer> customizers, LuaModuleResolver moduleResolver,
            boolean compileHandlers, SystemLimits limits, Extensions extensions) {
        this.modules = new Modules(moduleResolver, compiler);
        this.defaults = defaults;
        this.shutdownTimeout = shutdownTimeout;
        this.resolver = resolver;
        this.limits = limits;
        this.parts = new SystemParts(dispatcher, directory, deadLetters, compiler, modules, monitor,
                List.copyOf(customizers), compileHandlers, this::newActorFromLua, limits, new AtomicInteger(),
                liveActors, extensions);
    }

    public ActorSettings defaults() {
        return defaults;
    }

    /** Where actors keep {@code ctx.state} unless their spec says otherwise; set once, before any actor starts. */
    public void defaultState(StateSettings state) {
        this.defaultState = state;
    }

    public StateSettings defaultState() {
        return defaultState;
    }

    public SystemLimits limits() {
        return limits;
    }

    /** Coroutine threads alive in the system. */
    public int liveCoroutines() {
        return parts.liveCoroutines().get();
    }

    /** Lua actors started and not yet terminated. */
    public int liveActors() {
        return liveActors.get();
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Where {@code ctx.notify_later} waits; null means this runtime's own timer thread. */
    /** See {@link io.github.luaactor.core.LuaActorSystem.Builder#sendsOnCallerThread(boolean)}. */
    public void sendsOnCallerThread(boolean allowed) {
        dispatcher.sendsOnCallerThread(allowed);
    }

    public boolean sendsOnCallerThread() {
        return dispatcher.sendsOnCallerThread();
    }

    public void timerScheduler(LuaTimerScheduler scheduler) {
        dispatcher.timerScheduler(scheduler);
    }

    /** Java recipient calls that actors started and that have not returned yet. */
    public int recipientCallsInFlight() {
        return dispatcher.recipientCallsInFlight();
    }

    public String generateName(String prefix) {
        return directory.generateName(prefix);
    }

    /** Starts an actor; compile errors throw before anything is registered. */
    public LuaActorRef spawn(ActorSpec spec) {
        ensureOpen();
        if (spec.state() == null) {
            spec = spec.withState(defaultState);
        }
        String name = spec.name() == null ? generateName("actor") : spec.name();
        ActorScripts scripts = new ActorScripts(compile(name, spec.handle()), compile(name, spec.started()),
                compile(name, spec.stopped()), compile(name, spec.reload()));
        if (liveActors.incrementAndGet() > limits.maxActors()) {
            liveActors.decrementAndGet();
            throw new QuotaExceededException(name, Quota.ACTORS, limits.maxActors(),
                    "cannot start Lua actor '" + name + "'");
        }
        ActorCell cell;
        try {
            cell = new ActorCell(parts, name, spec, scripts);
            directory.register(name, cell);
        } catch (RuntimeException | Error e) {
            liveActors.decrementAndGet();
            throw e;
        }
        cell.start();
        return cell.ref;
    }

    private Prototype compile(String actor, LuaScript script) {
        return script == null ? null : compiler.compile(actor, script.chunkName(), script.source());
    }

    /** {@code ctx.new_actor}: a script found by the system's resolver, under a given or generated name. */
    private LuaActorRef newActorFromLua(String script, String actorName) {
        LuaScript resolved = resolver.resolve(script).orElseThrow(() -> new LuaError(
                "ctx.new_actor: no script '" + script + "' (scripts are found through the system's script resolver)"));
        if (actorName != null && directory.lookup(actorName) != null) {
            throw new LuaError("ctx.new_actor: the name '" + actorName + "' is already taken");
        }
        try {
            String newName = actorName == null ? generateName(baseName(script)) : actorName;
            return spawn(new ActorSpec(newName, resolved, null, null, null, defaults, Map.of(), List.of()));
        } catch (QuotaExceededException e) {
            // Counted on the actor that asked, which the caller knows.
            throw e;
        } catch (LuaScriptException e) {
            throw new LuaError("ctx.new_actor: " + e.getMessage());
        } catch (LuaActorException | IllegalStateException e) {
            throw new LuaError("ctx.new_actor: " + e.getMessage());
        }
    }

    private static String baseName(String script) {
        String base = script;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (slash >= 0) {
            base = base.substring(slash + 1);
        }
        return base.endsWith(".lua") ? base.substring(0, base.length() - 4) : base;
    }

    public void addRecipient(String name, LuaMessageHandler handler) {
        ensureOpen();
        directory.register(name, new JavaRecipient(handler, dispatcher));
    }

    public boolean removeRecipient(String name) {
        return directory.removeJavaRecipient(name);
    }

    /** The running actor with that name, or null. */
    public LuaActorRef actor(String name) {
        ActorCell cell = directory.actor(name);
        return cell == null ? null : cell.ref;
    }

    /** The live cells, for the heap guard. */
    Collection<ActorCell> cells() {
        return directory.actors();
    }

    /** Puts this system's actors under the JVM-wide heap guard; {@code threshold} 0 keeps the current one. */
    public void guardHeap(double threshold) {
        HeapGuard.register(this, threshold);
    }

    public Collection<LuaActorRef> actors() {
        List<LuaActorRef> refs = new ArrayList<>();
        for (ActorCell cell : directory.actors()) {
            refs.add(cell.ref);
        }
        return refs;
    }

    /**
     * Makes every actor that required a module load its current source at its next {@code require}, after the
     * messages it already has; returns how many actors were told.
     */
    public int reloadModule(String name) {
        int told = 0;
        for (ModuleUser user : modules.invalidate(name)) {
            if (user.forgetModule(name)) {
                told++;
            }
        }
        return told;
    }

    public void addDeadLetterListener(Consumer<DeadLetter> listener) {
        deadLetters.addListener(listener);
    }

    public void removeDeadLetterListener(Consumer<DeadLetter> listener) {
        deadLetters.removeListener(listener);
    }

    /**
     * Stops every actor and returns within {@code timeout}: actors drain their mailboxes until a small reserve of
     * the timeout is left (a tenth, at most one second); then suspended handlers are abandoned, what is still queued
     * becomes {@code SHUTDOWN_TIMEOUT} dead letters and {@code on_stopped} runs in the reserve. An actor whose
     * handler still runs at the deadline is not waited for: it finishes that handler (its budget bounds it), then
     * reports what it holds the same way.
     */
    public void stopAll(Duration timeout) {
        long start = System.nanoTime();
        long total = Math.max(0, timeout.toNanos());
        long reserve = Math.min(total / 10, TimeUnit.SECONDS.toNanos(1));
        long deadline = start + total;
        Set<ActorCell> cells = new LinkedHashSet<>();
        try {
            // Handlers draining their mailboxes may start actors (ctx.new_actor): stop those too.
            while (cells.addAll(directory.actors())) {
                if (!awaitUntil(stopEach(cells), deadline - reserve)) {
                    forceStopAll(cells, timeout, deadline);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<Void> stopEach(Collection<ActorCell> cells) {
        return CompletableFuture.allOf(cells.stream().map(Termination::stop).toArray(CompletableFuture[]::new));
    }

    private void forceStopAll(Set<ActorCell> cells, Duration timeout, long deadline) throws InterruptedException {
        LOG.warn("Lua actors did not stop within {}; abandoning what they still hold", timeout);
        cells.addAll(directory.actors());
        for (ActorCell cell : cells) {
            Termination.forceStop(cell, deadline);
        }
        if (!awaitUntil(stopEach(cells), deadline)) {
            LOG.warn("Some Lua actors are still running a handler after shutdown: {}", cells.stream()
                    .filter(c -> !c.terminated.isDone()).map(ActorCell::name).toList());
        }
    }

    /** True when the future completed (normally or not) before the deadline. */
    private static boolean awaitUntil(CompletableFuture<Void> future, long deadlineNanos) throws InterruptedException {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Error while stopping Lua actors", e.getCause());
            return true;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The LuaActorSystem is closed");
        }
    }

    /**
     * Stops every actor gracefully: each handles what it has queued, for up to the shutdown timeout in all; what is
     * left then is reported as dead letters, and {@code on_stopped} runs.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        HeapGuard.unregister(this);
        stopAll(shutdownTimeout);
        dispatcher.shutdown();
        // An actor abandoned at the deadline still finishes its handler and runs on_stopped, which may send to a
        // Java recipient: the names go only once every actor has terminated, so such a send is not lost.
        CompletableFuture.allOf(directory.actors().stream().map(cell -> cell.terminated)
                .toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
                    directory.clear();
                    compiler.clear();
                });
    }
}
