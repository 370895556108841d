package io.github.luaactor.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaScriptResolver;
import io.github.luaactor.core.LuaVmCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind a {@code LuaActorSystem}: the name space of actors and Java recipients, virtual threads for
 * handlers and Java calls, one timer thread for every actor, the script cache and dead-letter reporting.
 * Internal: use {@code LuaActorSystem}.
 */
public final class ActorRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ActorRuntime.class);

    private final ThreadFactory threads = Thread.ofVirtual().name("lua-actor").factory();
    private final ScheduledThreadPoolExecutor timers;
    private final ConcurrentHashMap<String, Object> names = new ConcurrentHashMap<>();
    private final ScriptCompiler compiler = new ScriptCompiler();
    private final List<Consumer<DeadLetter>> deadLetterListeners = new CopyOnWriteArrayList<>();
    private final DeadLetterLog deadLetterLog = new DeadLetterLog();
    private final AtomicLong generatedNames = new AtomicLong();
    private final ActorSettings defaults;
    private final Duration shutdownTimeout;
    private final LuaActorMonitor monitor;
    private final LuaScriptResolver resolver;
    private final List<LuaVmCustomizer> customizers;
    private final Modules modules;
    private volatile boolean closed;

    public ActorRuntime(ActorSettings defaults, Duration shutdownTimeout, LuaActorMonitor monitor,
            LuaScriptResolver resolver, List<LuaVmCustomizer> customizers, LuaModuleResolver moduleResolver) {
        this.customizers = List.copyOf(customizers);
        this.modules = new Modules(moduleResolver, compiler);
        this.defaults = defaults;
        this.shutdownTimeout = shutdownTimeout;
        this.monitor = monitor;
        this.resolver = resolver;
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lua-actor-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    public ActorSettings defaults() {
        return defaults;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    LuaActorMonitor monitor() {
        return monitor;
    }

    ScriptCompiler compiler() {
        return compiler;
    }

    /** Runs a task on a new virtual thread. */
    void execute(Runnable task) {
        threads.newThread(task).start();
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return timers.schedule(() -> execute(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    public String generateName(String prefix) {
        String name;
        do {
            name = prefix + "-" + generatedNames.incrementAndGet();
        } while (names.containsKey(name));
        return name;
    }

    /** Starts an actor; compile errors throw before anything is registered. */
    public ActorCell spawn(ActorSpec spec) {
        ensureOpen();
        String name = spec.name() == null ? generateName("actor") : spec.name();
        ActorScripts scripts = new ActorScripts(compiler.compile(name, spec.handle()), compile(name, spec.started()),
                compile(name, spec.stopped()), compile(name, spec.reload()));
        ActorCell cell = new ActorCell(this, name, spec, scripts);
        register(name, cell);
        cell.start();
        return cell;
    }

    private org.luaj.vm2.Prototype compile(String actor, LuaScript script) {
        return script == null ? null : compiler.compile(actor, script);
    }

    public void addRecipient(String name, LuaMessageHandler handler) {
        ensureOpen();
        register(name, handler);
    }

    public boolean removeRecipient(String name) {
        Object current = names.get(name);
        return current instanceof LuaMessageHandler && names.remove(name, current);
    }

    private void register(String name, Object recipient) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A Lua actor or recipient name must not be blank");
        }
        Object existing = names.putIfAbsent(name, recipient);
        if (existing != null) {
            throw new LuaActorException(name, "The name '" + name + "' is already used by "
                    + describe(existing) + "; actors and Java recipients share one name space");
        }
    }

    private static String describe(Object recipient) {
        return recipient instanceof ActorCell ? "a Lua actor" : "a Java recipient";
    }

    void unregister(ActorCell cell) {
        names.remove(cell.name(), cell);
    }

    Object lookup(String name) {
        return names.get(name);
    }

    public ActorCell actor(String name) {
        return names.get(name) instanceof ActorCell cell ? cell : null;
    }

    public Collection<ActorCell> actors() {
        List<ActorCell> cells = new ArrayList<>();
        for (Object o : names.values()) {
            if (o instanceof ActorCell cell) {
                cells.add(cell);
            }
        }
        return cells;
    }

    /** Customizers every VM of this system gets, before the actor's own. */
    List<LuaVmCustomizer> customizers() {
        return customizers;
    }

    Modules modules() {
        return modules;
    }

    /**
     * Makes every actor that required a module load its current source at its next {@code require}, after the
     * messages it already has; returns how many actors were told.
     */
    public int reloadModule(String name) {
        int told = 0;
        for (ActorCell cell : modules.invalidate(name)) {
            if (cell.forgetModule(name)) {
                told++;
            }
        }
        return told;
    }

    LuaScriptResolver resolver() {
        return resolver;
    }

    /** Calls a Java recipient on its own virtual thread, so a blocking recipient stalls nobody. */
    CompletableFuture<LuaMessage> callJava(String recipient, LuaMessageHandler handler, LuaMessage message) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        execute(() -> {
            try {
                LuaMessage result = handler.handle(message);
                reply.complete(result == null ? LuaMessage.NIL : result);
            } catch (Throwable t) {
                reply.completeExceptionally(t);
            }
        });
        return reply;
    }

    public void addDeadLetterListener(Consumer<DeadLetter> listener) {
        deadLetterListeners.add(listener);
    }

    public void removeDeadLetterListener(Consumer<DeadLetter> listener) {
        deadLetterListeners.remove(listener);
    }

    void deadLetter(String actor, DeadLetter.Reason reason, LuaMessage message, String sender) {
        DeadLetter letter = new DeadLetter(actor, reason, message, sender, Instant.now());
        deadLetterLog.log(letter);
        for (Consumer<DeadLetter> listener : deadLetterListeners) {
            try {
                listener.accept(letter);
            } catch (RuntimeException e) {
                LOG.warn("Dead-letter listener failed", e);
            }
        }
    }

    boolean isClosed() {
        return closed;
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
        List<ActorCell> cells = new ArrayList<>(actors());
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ActorCell cell : cells) {
            stops.add(cell.stop());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
        try {
            all.get(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Lua actors did not stop within {}; abandoning what they still hold", shutdownTimeout);
            for (ActorCell cell : cells) {
                cell.forceStop();
            }
            // A forced stop waits only for each actor's current handler, which its budget bounds.
            try {
                all.get(Math.max(1_000, shutdownTimeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception again) {
                LOG.warn("Some Lua actors are still running a handler after shutdown: {}", cells.stream()
                        .filter(c -> !c.whenTerminated().isDone()).map(ActorCell::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Error while stopping Lua actors", e);
        }
        timers.shutdownNow();
        names.clear();
        compiler.clear();
    }
}
