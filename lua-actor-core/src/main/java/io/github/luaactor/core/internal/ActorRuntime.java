package io.github.luaactor.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger waitingDrainers = new AtomicInteger();
    private final ActorSettings defaults;
    private final Duration shutdownTimeout;
    private final LuaActorMonitor monitor;
    private final LuaScriptResolver resolver;
    private final List<LuaVmCustomizer> customizers;
    private final Modules modules;
    private volatile boolean closed;
    private final boolean compileHandlers;
    private volatile io.github.luaactor.core.LuaTimerScheduler timerScheduler;
    private final AtomicInteger recipientCalls = new AtomicInteger();

    public ActorRuntime(ActorSettings defaults, Duration shutdownTimeout, LuaActorMonitor monitor,
            LuaScriptResolver resolver, List<LuaVmCustomizer> customizers, LuaModuleResolver moduleResolver,
            boolean compileHandlers) {
        this.compileHandlers = compileHandlers;
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

    /** Whether straight-line handlers run as JVM bytecode ({@link StraightLineCompiler}). */
    boolean compileHandlers() {
        return compileHandlers;
    }

    ScriptCompiler compiler() {
        return compiler;
    }

    /** Runs a task on a new virtual thread. */
    void execute(Runnable task) {
        threads.newThread(task).start();
    }

    /** Starts an actor's drain loop on a new virtual thread, counted while it waits for a carrier. */
    void startDrainer(Runnable drain) {
        waitingDrainers.incrementAndGet();
        execute(() -> {
            waitingDrainers.decrementAndGet();
            drain.run();
        });
    }

    /** Whether some actor's drain loop waits for a carrier thread (a busy actor then hands its carrier on). */
    boolean drainersWaiting() {
        return waitingDrainers.get() > 0;
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return timers.schedule(() -> execute(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Where {@code ctx.notify_later} waits; null means this runtime's own timer thread. */
    public void timerScheduler(io.github.luaactor.core.LuaTimerScheduler scheduler) {
        this.timerScheduler = scheduler;
    }

    /** Schedules a {@code ctx.notify_later} delivery on the configured timer scheduler (real clock by default). */
    void scheduleTimer(Runnable task, long delayNanos) {
        io.github.luaactor.core.LuaTimerScheduler scheduler = timerScheduler;
        if (scheduler == null) {
            schedule(task, delayNanos);
        } else {
            scheduler.schedule(Duration.ofNanos(delayNanos), task);
        }
    }

    public int recipientCallsInFlight() {
        return recipientCalls.get();
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
        recipientCalls.incrementAndGet();
        execute(() -> {
            try {
                LuaMessage result = handler.handle(message);
                reply.complete(result == null ? LuaMessage.NIL : result);
            } catch (Throwable t) {
                reply.completeExceptionally(t);
            } finally {
                recipientCalls.decrementAndGet();
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
            while (cells.addAll(actors())) {
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
        return CompletableFuture.allOf(cells.stream().map(ActorCell::stop).toArray(CompletableFuture[]::new));
    }

    private void forceStopAll(Set<ActorCell> cells, Duration timeout, long deadline) throws InterruptedException {
        LOG.warn("Lua actors did not stop within {}; abandoning what they still hold", timeout);
        cells.addAll(actors());
        for (ActorCell cell : cells) {
            cell.forceStop(deadline);
        }
        if (!awaitUntil(stopEach(cells), deadline)) {
            LOG.warn("Some Lua actors are still running a handler after shutdown: {}", cells.stream()
                    .filter(c -> !c.whenTerminated().isDone()).map(ActorCell::name).toList());
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
        stopAll(shutdownTimeout);
        timers.shutdownNow();
        names.clear();
        compiler.clear();
    }
}
