package io.github.luaactor.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.luaactor.core.internal.actor.ActorRuntime;
import io.github.luaactor.core.internal.actor.ActorSpec;
import io.github.luaactor.core.internal.actor.Extensions;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.internal.actor.SystemLimits;
import io.github.luaactor.core.internal.sandbox.CoroutineQuota;

/**
 * A set of Lua actors and Java recipients sharing one name space, one pool of virtual threads and one timer.
 * Close it to stop every actor gracefully.
 *
 * <pre>{@code
 * try (LuaActorSystem system = LuaActorSystem.create()) {
 *     LuaActorRef adder = LuaActorBuilder.create().name("adder").onHandle("return ctx.msg + 42").start(system);
 *     LuaMessage reply = adder.send(LuaMessage.from(100)).get();   // Int[value=142]
 * }
 * }</pre>
 */
public final class LuaActorSystem implements AutoCloseable {
    /**
     * Default of {@link Builder#maxActors(int)}: well above what the density benchmark starts (100,000 idle actors)
     * and well below what fills a default heap (some 7 KB each).
     */
    public static final int DEFAULT_MAX_ACTORS = 250_000;
    /** Default of {@link Builder#maxSendDepth(int)}. */
    public static final int DEFAULT_MAX_SEND_DEPTH = 64;
    /** Default of {@link Builder#maxCoroutines(int)}: a suspended coroutine costs a parked virtual thread. */
    public static final int DEFAULT_MAX_COROUTINES = 100_000;
    /**
     * Default of {@link Builder#maxCoroutinesPerJvm(int)}: twice {@link #DEFAULT_MAX_COROUTINES}, so that one system
     * at its defaults never meets it, while several systems in one JVM together are bounded.
     */
    public static final int DEFAULT_MAX_COROUTINES_PER_JVM = 200_000;

    private final ActorRuntime runtime;

    private LuaActorSystem(Builder builder) {
        List<LuaScriptResolver> scripts = new ArrayList<>();
        scripts.add(builder.resolver);
        scripts.addAll(builder.scriptRoots);
        this.runtime = new ActorRuntime(builder.defaults, builder.shutdownTimeout, builder.monitor,
                LuaScriptResolver.firstOf(scripts),
                builder.customizers, LuaModuleResolver.firstOf(builder.moduleResolvers), builder.compileHandlers,
                new SystemLimits(builder.maxActors, builder.maxSendDepth, builder.maxCoroutines,
                        builder.maxCoroutinesPerJvm),
                new Extensions(builder.remoteActors));
        runtime.timerScheduler(builder.timerScheduler);
        runtime.sendsOnCallerThread(builder.sendsOnCallerThread);
        runtime.defaultState(builder.defaultState);
        builder.deadLetterListeners.forEach(runtime::addDeadLetterListener);
        runtime.guardHeap(builder.heapGuardThreshold);
    }

    /**
     * Whether a Java {@code send} may run an idle actor's handler on the sender's thread
     * ({@link Builder#sendsOnCallerThread}).
     */
    public boolean sendsOnCallerThread() {
        return runtime.sendsOnCallerThread();
    }

    /**
     * Coroutines alive (running or suspended) now in every actor system of this JVM together, the count that
     * {@link Builder#maxCoroutinesPerJvm(int)} bounds.
     */
    public static int liveCoroutinesInJvm() {
        return CoroutineQuota.liveInJvm();
    }

    /** Coroutines alive (running or suspended) now in this system's actors, bounded by {@link Builder#maxCoroutines}. */
    public int liveCoroutines() {
        return runtime.liveCoroutines();
    }

    /** A system with the default settings. */
    public static LuaActorSystem create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a Java recipient that Lua reaches with {@code ctx.send(name, msg)}.
     *
     * @throws LuaActorException when the name is taken by an actor or another recipient
     */
    public LuaActorSystem addRecipient(String name, LuaMessageHandler handler) {
        runtime.addRecipient(name, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Removes a Java recipient; returns whether one was registered under that name. */
    public boolean removeRecipient(String name) {
        return runtime.removeRecipient(name);
    }

    /** The running actor with that name. */
    public Optional<LuaActorRef> actor(String name) {
        return Optional.ofNullable(runtime.actor(name));
    }

    /** Every actor currently registered (running, or stopping). */
    public Collection<LuaActorRef> actors() {
        return List.copyOf(runtime.actors());
    }

    /** Called for every message that could not be handled. */
    public LuaActorSystem addDeadLetterListener(Consumer<DeadLetter> listener) {
        runtime.addDeadLetterListener(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public void removeDeadLetterListener(Consumer<DeadLetter> listener) {
        runtime.removeDeadLetterListener(listener);
    }

    /**
     * Reloads a shared module: every actor that required it gets the current source at its next {@code require},
     * after the messages already queued. Returns how many actors were told.
     */
    public int reloadModule(String name) {
        return runtime.reloadModule(LuaModuleResolver.validate(name));
    }

    /**
     * Java recipient calls that actors started ({@code ctx.send} to a Java recipient) and that have not returned yet.
     * A test kit waits for 0, with idle mailboxes, before it calls the system quiet.
     */
    public int recipientCallsInFlight() {
        return runtime.recipientCallsInFlight();
    }

    /** The settings actors get unless their builder overrides them. */
    public ActorSettings defaultSettings() {
        return runtime.defaults();
    }

    String generateName() {
        return runtime.generateName("actor");
    }

    LuaActorRef spawn(ActorSpec spec) {
        return runtime.spawn(spec);
    }

    /**
     * Stops every actor as {@link #close()} does, within {@code timeout} in all, but leaves the system open: actors and
     * recipients may be added afterwards. Queued messages are handled until a reserve of the timeout is left (a
     * tenth, at most one second); then handlers suspended in {@code ctx.send} are abandoned, what is still queued or
     * abandoned is reported as a {@code SHUTDOWN_TIMEOUT} dead letter, and {@code on_stopped} runs. Returns by the
     * deadline; an actor still running a handler then finishes it in the background (bounded by its budget).
     */
    public void stopAll(Duration timeout) {
        runtime.stopAll(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Stops every actor gracefully: new messages are refused, queued ones handled, {@code on_stopped} runs, and
     * anything left is reported as a dead letter — all within the shutdown timeout (see {@link #stopAll(Duration)}).
     */
    @Override
    public void close() {
        runtime.close();
    }

    /** Configures a {@link LuaActorSystem}. */
    public static final class Builder {
        private ActorSettings defaults = ActorSettings.defaults();
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private LuaActorMonitor monitor = LuaActorMonitor.NONE;
        private LuaScriptResolver resolver = LuaScriptResolver.NONE;
        private final List<Consumer<DeadLetter>> deadLetterListeners = new ArrayList<>();
        private final List<LuaVmCustomizer> customizers = new ArrayList<>();
        private final List<LuaModuleResolver> moduleResolvers = new ArrayList<>();
        private final List<LuaScriptResolver> scriptRoots = new ArrayList<>();
        private boolean compileHandlers = true;
        private RemoteActors remoteActors;
        private int maxActors = DEFAULT_MAX_ACTORS;
        private int maxSendDepth = DEFAULT_MAX_SEND_DEPTH;
        private int maxCoroutines = DEFAULT_MAX_COROUTINES;
        private int maxCoroutinesPerJvm = DEFAULT_MAX_COROUTINES_PER_JVM;
        private LuaTimerScheduler timerScheduler;
        private boolean sendsOnCallerThread = true;
        private StateSettings defaultState = StateSettings.NONE;
        private double heapGuardThreshold = io.github.luaactor.core.internal.actor.HeapGuard.DEFAULT_THRESHOLD;

        private Builder() {
        }

        /**
         * Most Lua actors alive at once in this system (default {@value LuaActorSystem#DEFAULT_MAX_ACTORS}): one more,
         * from Java or {@code ctx.new_actor}, is refused with a {@link QuotaExceededException} ({@link Quota#ACTORS}).
         */
        public Builder maxActors(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxActors must be >= 1, was " + max);
            }
            this.maxActors = max;
            return this;
        }

        /**
         * Most coroutines alive (running or suspended) at once in all actors of this system (default
         * {@value LuaActorSystem#DEFAULT_MAX_COROUTINES}); each actor also has its own quota,
         * {@link ActorSettings.QuotaSettings#maxCoroutines()}. A coroutine body runs on a virtual thread, so these
         * cost memory, not platform threads. One more raises a Lua error ({@link Quota#SYSTEM_COROUTINES}).
         */
        public Builder maxCoroutines(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCoroutines must be >= 1, was " + max);
            }
            this.maxCoroutines = max;
            return this;
        }

        /**
         * Most coroutines alive (running or suspended) at once in every actor system of this JVM together (default
         * {@value LuaActorSystem#DEFAULT_MAX_COROUTINES_PER_JVM}), as this system counts them: a coroutine of this
         * system's actors is refused when the JVM already holds that many, whichever systems hold them. It bounds
         * what several systems in one JVM (tests, tenants, a cluster member beside a local system) hold together,
         * where {@link #maxCoroutines(int)} bounds one system. One more raises a Lua error
         * ({@link Quota#JVM_COROUTINES}).
         */
        public Builder maxCoroutinesPerJvm(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCoroutinesPerJvm must be >= 1, was " + max);
            }
            this.maxCoroutinesPerJvm = max;
            return this;
        }

        /**
         * Longest chain of handlers each waiting in {@code ctx.send} for the next (default
         * {@value LuaActorSystem#DEFAULT_MAX_SEND_DEPTH}): {@code A} sends to {@code B}, which sends to {@code C}...;
         * the send that would go deeper raises a Lua error ({@link Quota#SEND_DEPTH}). A message sent from Java
         * starts a chain at 1.
         */
        public Builder maxSendDepth(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSendDepth must be >= 1, was " + max);
            }
            this.maxSendDepth = max;
            return this;
        }

        /** Settings for actors whose builder does not override them. */
        public Builder defaults(ActorSettings defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * Where actors keep {@code ctx.state} unless their builder says otherwise (also those started with
         * {@code ctx.new_actor}); {@link StateSettings#NONE}, in the VM only, by default. See docs/state.md.
         */
        public Builder defaultState(StateSettings state) {
            this.defaultState = Objects.requireNonNull(state, "state");
            return this;
        }

        /** How long {@link #close()} lets actors drain their mailboxes (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Receives life-cycle events and per-message timings, e.g. for Micrometer. */
        public Builder monitor(LuaActorMonitor monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /** Finds scripts for {@code ctx.new_actor(name)}. */
        public Builder scriptResolver(LuaScriptResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * A directory of actor scripts for {@code ctx.new_actor}: {@code ctx.new_actor('sub/worker')} starts
         * {@code <dir>/sub/worker.lua}. Searched after the {@link #scriptResolver(LuaScriptResolver) script
         * resolver}, in the order added; see {@link LuaScriptResolver#directory(java.nio.file.Path)} for the names accepted.
         */
        public Builder scriptRoot(java.nio.file.Path directory) {
            scriptRoots.add(LuaScriptResolver.directory(directory));
            return this;
        }

        /** A class-path root of actor scripts for {@code ctx.new_actor}, e.g. {@code lua-actors}. */
        public Builder scriptRoot(String classpathRoot) {
            scriptRoots.add(LuaScriptResolver.classpath(classpathRoot,
                    Thread.currentThread().getContextClassLoader()));
            return this;
        }

        /** A directory of shared Lua modules for {@code require} ({@code a.b} is {@code <dir>/a/b.lua}). */
        public Builder moduleRoot(java.nio.file.Path directory) {
            return moduleResolver(LuaModuleResolver.directory(directory));
        }

        /** A class-path root of shared Lua modules, e.g. {@code lua-modules}. */
        public Builder moduleRoot(String classpathRoot) {
            return moduleResolver(LuaModuleResolver.classpath(classpathRoot,
                    Thread.currentThread().getContextClassLoader()));
        }

        /** Any source of modules; roots are searched in the order added. The built-in {@code json} comes last. */
        public Builder moduleResolver(LuaModuleResolver resolver) {
            moduleResolvers.add(Objects.requireNonNull(resolver, "resolver"));
            return this;
        }

        /** Prepares every actor VM of this system (in the order added) before its scripts run. */
        public Builder customizer(LuaVmCustomizer customizer) {
            customizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * Whether a handler that runs straight through (no loop, no backward {@code goto}, no nested function, no
         * {@code ..}, at most one tail call) is compiled to JVM bytecode instead of interpreted (default true).
         * It then needs no per-instruction budget check: its length is charged to the instruction limit up front,
         * and every Lua function it calls is interpreted and checked as usual. Errors name the same chunk and line
         * either way. Turn it off to interpret every handler.
         */
        public Builder compileHandlers(boolean compile) {
            this.compileHandlers = compile;
            return this;
        }

        /**
         * Where {@code ctx.send}, {@code ctx.do_send} and {@code notify} go for a name this system holds neither as
         * an actor nor as a recipient, before it counts as unknown: the hook of a cluster module. None by default.
         */
        public Builder remoteActors(RemoteActors remote) {
            this.remoteActors = Objects.requireNonNull(remote, "remote");
            return this;
        }

        /**
         * Whether {@link LuaActorRef#send(LuaMessage)} from a plain Java thread may run the handler on that thread
         * when the actor is idle, returning a completed future (default true): it saves waking a carrier thread and
         * then the waiting sender, most of a request/reply's cost. Only for a handler that cannot wait in
         * {@code ctx.send} (its chunks name neither {@code send} nor {@code require} / {@code load}) and has proved
         * short (the actor's last message ended before the first clock check; the first is always queued), on an
         * actor without durable state or VM customizers, from a thread that is not the runtime's own: the sender is
         * then held no longer than the handler's time budget, and order, budgets and supervision are those of a
         * queued message.
         * Turn it off when a sender's thread must never run Lua at all. See docs/threading-model.md.
         */
        public Builder sendsOnCallerThread(boolean allowed) {
            this.sendsOnCallerThread = allowed;
            return this;
        }

        /**
         * Where {@code ctx.notify_later} timers wait (default: the system's own timer thread, real clock). A test kit
         * passes a virtual clock here; the system does not close it.
         */
        public Builder timerScheduler(LuaTimerScheduler scheduler) {
            this.timerScheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder deadLetterListener(Consumer<DeadLetter> listener) {
            deadLetterListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Fraction of the heap's maximum, in use after a garbage collection, at which the JVM-wide heap guard refuses
         * new messages with {@link MemoryLimitExceededException} and stops the actor with the largest memory
         * estimate (default 0.9). One threshold per JVM: the system built last sets it. 0 leaves it as it is.
         */
        public Builder heapGuardThreshold(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("heapGuardThreshold must be in [0, 1], was " + fraction);
            }
            this.heapGuardThreshold = fraction;
            return this;
        }

        public LuaActorSystem build() {
            return new LuaActorSystem(this);
        }
    }
}
