package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.FailurePolicy;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.OverflowPolicy;
import io.github.luaactor.core.state.StateWriteMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Lua actors.
 * <p>
 * The actor settings are declared once, in {@link ActorSettingsProperties}, used for {@code lua-actor.defaults} and as
 * the base of each {@code lua-actor.actors.<name>}; they are unset (null) unless configured, and
 * {@link ActorSettings#defaults()} supplies the rest. The {@code actors} map is also read, strictly, before any bean
 * exists (one {@code LuaActorRef} bean is registered per actor), and every key under {@code lua-actor.} is checked
 * then: an unknown one fails start-up, naming the closest valid key (see {@code fail-on-unknown-properties}).
 */
@ConfigurationProperties(LuaActorProperties.PREFIX)
public class LuaActorProperties {

    /** Prefix of every Lua actor property. */
    public static final String PREFIX = "lua-actor";

    /** Default of {@code lua-actor.scripts}. */
    public static final String DEFAULT_SCRIPTS = "classpath*:lua-actors/*.lua";

    /** Whether to enable Lua actors: the actor system, actor beans and Java recipients. */
    private boolean enabled = true;

    /**
     * Location pattern of actor scripts. Each match becomes an actor named after its file ("greeter.lua" becomes
     * "greeter"); "x.started.lua", "x.stopped.lua" and "x.reload.lua" are hooks of actor "x", not actors.
     * ctx.new_actor(name) resolves names against the same location.
     */
    private String scripts = DEFAULT_SCRIPTS;

    /**
     * Locations of Lua modules that actors may require, searched in order: require("a.b") loads "a/b.lua" under the
     * first location that has it. Accepts classpath:, classpath*: and file: locations.
     */
    private List<String> modules = new ArrayList<>(List.of("classpath*:lua-modules/"));

    /**
     * Whether handlers are compiled to JVM bytecode instead of interpreted, nested functions included. Compiled code
     * is charged to the budgets at function entries and loop back-edges, and ".." is checked against the string
     * limit; modules (require) and the hooks are compiled too; chunks made by load stay interpreted.
     */
    private boolean compileHandlers = true;

    /**
     * Whether send(msg) from a plain Java thread (not one of the runtime's) may run an idle actor's handler on that
     * thread and return a completed future, saving two thread wake-ups. Only for handlers that cannot wait in
     * ctx.send and have proved short, on actors without durable state or VM customizers; the thread is held no
     * longer than the handler's time budget.
     */
    private boolean sendsOnCallerThread = true;

    /**
     * Fraction of the heap's maximum, in use after a garbage collection, at which the JVM-wide heap guard refuses new
     * messages (MemoryLimitExceededException) and stops the actor with the largest memory estimate. 0 disables it.
     */
    private double heapGuardThreshold = 0.9;

    /**
     * Whether a key under lua-actor. that no setting binds to (a typo such as "lua-actor.enable") fails start-up,
     * naming the closest valid key. When false, such keys are logged as warnings and ignored.
     */
    private boolean failOnUnknownProperties = true;

    /** Settings every actor gets unless it overrides them under lua-actor.actors. */
    private final ActorSettingsProperties defaults = new ActorSettingsProperties();

    /**
     * Actors by name: overrides for discovered actors, or actors declared only here (with "handle" or
     * "handle-script").
     */
    private Map<String, Actor> actors = new LinkedHashMap<>();

    private final Quotas quotas = new Quotas();

    private final Shutdown shutdown = new Shutdown();

    private final Reload reload = new Reload();

    private final Health health = new Health();

    private final Metrics metrics = new Metrics();

    private final Endpoint endpoint = new Endpoint();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getScripts() {
        return this.scripts;
    }

    public void setScripts(String scripts) {
        this.scripts = scripts;
    }

    public List<String> getModules() {
        return this.modules;
    }

    public void setModules(List<String> modules) {
        this.modules = modules;
    }

    public boolean isCompileHandlers() {
        return this.compileHandlers;
    }

    public void setCompileHandlers(boolean compileHandlers) {
        this.compileHandlers = compileHandlers;
    }

    public boolean isSendsOnCallerThread() {
        return this.sendsOnCallerThread;
    }

    public void setSendsOnCallerThread(boolean sendsOnCallerThread) {
        this.sendsOnCallerThread = sendsOnCallerThread;
    }

    public double getHeapGuardThreshold() {
        return this.heapGuardThreshold;
    }

    public void setHeapGuardThreshold(double heapGuardThreshold) {
        this.heapGuardThreshold = heapGuardThreshold;
    }

    public boolean isFailOnUnknownProperties() {
        return this.failOnUnknownProperties;
    }

    public void setFailOnUnknownProperties(boolean failOnUnknownProperties) {
        this.failOnUnknownProperties = failOnUnknownProperties;
    }

    public ActorSettingsProperties getDefaults() {
        return this.defaults;
    }

    public Map<String, Actor> getActors() {
        return this.actors;
    }

    public void setActors(Map<String, Actor> actors) {
        this.actors = actors;
    }

    public Quotas getQuotas() {
        return this.quotas;
    }

    public Shutdown getShutdown() {
        return this.shutdown;
    }

    public Reload getReload() {
        return this.reload;
    }

    public Health getHealth() {
        return this.health;
    }

    public Endpoint getEndpoint() {
        return this.endpoint;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }

    /**
     * The settings of an actor, used for {@code lua-actor.defaults} and as the base of every
     * {@code lua-actor.actors.<name>}. Every value is optional: an unset (null) one is inherited, by an actor from
     * lua-actor.defaults and by lua-actor.defaults from {@link ActorSettings#defaults()}, the one source of the
     * default values.
     */
    public static class ActorSettingsProperties {

        /** Messages an actor's mailbox holds; 0 means unbounded. */
        private @Nullable Integer mailboxCapacity;

        /** What a full mailbox does with a new message. */
        private @Nullable OverflowPolicy overflowPolicy;

        /** How long a sender waits for room in a full mailbox when the overflow policy is "block". */
        private @Nullable Duration enqueueTimeout;

        /** Lua VM instructions one handler may run; 0 means unlimited. */
        private @Nullable Long instructionLimit;

        /** Wall-clock time one handler may run, time suspended in ctx.send excluded; 0 means unlimited. */
        private @Nullable Duration handlerTimeout;

        /** How long ctx.send waits for a reply before raising a "timeout" error in Lua. */
        private @Nullable Duration askTimeout;

        /**
         * Largest string a script may build (string.rep, .., table.concat, string.format, gsub, os.date);
         * messages are capped at 16 times it.
         */
        private @Nullable DataSize maxStringLength;

        /**
         * Estimated memory the actor's Lua values may hold (globals, ctx.state, upvalues, the running handler's
         * locals); a handler that would pass it fails with MemoryLimitExceededException. 0 means unlimited.
         */
        private @Nullable DataSize memoryLimit;

        /** What a failed handler or on_started hook does to its actor. */
        private @Nullable FailurePolicy onFailure;

        /**
         * Whether other messages may start while a handler waits in ctx.send (true); false makes the actor strict:
         * no other message starts until that handler has finished.
         */
        private @Nullable Boolean reentrant;

        private final Restart restart = new Restart();

        private final State state = new State();
        /** Live actors one actor may start with ctx.new_actor (a quota: one more is a Lua error). */
        private @Nullable Integer maxChildren;

        /** Handlers of one actor suspended in ctx.send at once (a quota: one more ctx.send is a Lua error). */
        private @Nullable Integer maxSuspendedHandlers;

        /** ctx.notify_later timers of one actor not yet fired (a quota); a stopped actor's timers are cancelled. */
        private @Nullable Integer maxTimers;

        /** Unfinished coroutines of one actor (a quota: one more is a Lua error). */
        private @Nullable Integer maxCoroutines;

        /**
         * Nested Lua calls of one coroutine or handler (a quota: one more is Lua's catchable 'stack overflow' error,
         * raised in the caller).
         */
        private @Nullable Integer maxCallDepth;

        public @Nullable Integer getMailboxCapacity() {
            return this.mailboxCapacity;
        }

        public void setMailboxCapacity(@Nullable Integer mailboxCapacity) {
            this.mailboxCapacity = mailboxCapacity;
        }

        public @Nullable OverflowPolicy getOverflowPolicy() {
            return this.overflowPolicy;
        }

        public void setOverflowPolicy(@Nullable OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }

        public @Nullable Duration getEnqueueTimeout() {
            return this.enqueueTimeout;
        }

        public void setEnqueueTimeout(@Nullable Duration enqueueTimeout) {
            this.enqueueTimeout = enqueueTimeout;
        }

        public @Nullable Long getInstructionLimit() {
            return this.instructionLimit;
        }

        public void setInstructionLimit(@Nullable Long instructionLimit) {
            this.instructionLimit = instructionLimit;
        }

        public @Nullable Duration getHandlerTimeout() {
            return this.handlerTimeout;
        }

        public void setHandlerTimeout(@Nullable Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
        }

        public @Nullable Duration getAskTimeout() {
            return this.askTimeout;
        }

        public void setAskTimeout(@Nullable Duration askTimeout) {
            this.askTimeout = askTimeout;
        }

        public @Nullable DataSize getMaxStringLength() {
            return this.maxStringLength;
        }

        public void setMaxStringLength(@Nullable DataSize maxStringLength) {
            this.maxStringLength = maxStringLength;
        }

        public @Nullable DataSize getMemoryLimit() {
            return this.memoryLimit;
        }

        public void setMemoryLimit(@Nullable DataSize memoryLimit) {
            this.memoryLimit = memoryLimit;
        }

        public @Nullable FailurePolicy getOnFailure() {
            return this.onFailure;
        }

        public void setOnFailure(@Nullable FailurePolicy onFailure) {
            this.onFailure = onFailure;
        }

        public @Nullable Boolean getReentrant() {
            return this.reentrant;
        }

        public void setReentrant(@Nullable Boolean reentrant) {
            this.reentrant = reentrant;
        }

        public Restart getRestart() {
            return this.restart;
        }

        public @Nullable Integer getMaxChildren() {
            return this.maxChildren;
        }

        public void setMaxChildren(@Nullable Integer maxChildren) {
            this.maxChildren = maxChildren;
        }

        public @Nullable Integer getMaxSuspendedHandlers() {
            return this.maxSuspendedHandlers;
        }

        public void setMaxSuspendedHandlers(@Nullable Integer maxSuspendedHandlers) {
            this.maxSuspendedHandlers = maxSuspendedHandlers;
        }

        public @Nullable Integer getMaxTimers() {
            return this.maxTimers;
        }

        public void setMaxTimers(@Nullable Integer maxTimers) {
            this.maxTimers = maxTimers;
        }

        public @Nullable Integer getMaxCoroutines() {
            return this.maxCoroutines;
        }

        public void setMaxCoroutines(@Nullable Integer maxCoroutines) {
            this.maxCoroutines = maxCoroutines;
        }

        public @Nullable Integer getMaxCallDepth() {
            return this.maxCallDepth;
        }

        public void setMaxCallDepth(@Nullable Integer maxCallDepth) {
            this.maxCallDepth = maxCallDepth;
        }

        public State getState() {
            return this.state;
        }

    }

    /**
     * Whether and how ctx.state survives restarts (docs/state.md); unset values are inherited like the other
     * settings.
     */
    public static class State {

        /**
         * Where ctx.state is kept: "memory" (in the VM only, lost when the actor restarts; the default) or "jdbc"
         * (the lua_actor_state table, with lua-actor-state-jdbc and a DataSource), or the kind of a LuaStateStore
         * bean of your own.
         */
        private @Nullable String store;

        /** When a durable actor saves ctx.state: after each message, or write-behind at most once per interval. */
        private @Nullable StateWriteMode writeMode;

        /** With write-behind, the longest time between two saves of a changed state: what a crash can lose. */
        private @Nullable Duration writeInterval;

        /** Largest encoded ctx.state; a message that leaves a larger one fails and the state rolls back. */
        private @Nullable DataSize maxStateSize;

        public @Nullable String getStore() {
            return this.store;
        }

        public void setStore(@Nullable String store) {
            this.store = store;
        }

        public @Nullable StateWriteMode getWriteMode() {
            return this.writeMode;
        }

        public void setWriteMode(@Nullable StateWriteMode writeMode) {
            this.writeMode = writeMode;
        }

        public @Nullable Duration getWriteInterval() {
            return this.writeInterval;
        }

        public void setWriteInterval(@Nullable Duration writeInterval) {
            this.writeInterval = writeInterval;
        }

        public @Nullable DataSize getMaxStateSize() {
            return this.maxStateSize;
        }

        public void setMaxStateSize(@Nullable DataSize maxStateSize) {
            this.maxStateSize = maxStateSize;
        }

    }

    /** Back-off and limits of the "restart" failure policy; unset values are inherited like the other settings. */
    public static class Restart {

        /** Delay before the first restart; it doubles with each further restart. */
        private @Nullable Duration minBackoff;

        /** Longest delay between two restarts. */
        private @Nullable Duration maxBackoff;

        /** Restarts allowed within the window before the actor is stopped for good. */
        private @Nullable Integer maxRestarts;

        /** Time window in which restarts are counted. */
        private @Nullable Duration window;

        public @Nullable Duration getMinBackoff() {
            return this.minBackoff;
        }

        public void setMinBackoff(@Nullable Duration minBackoff) {
            this.minBackoff = minBackoff;
        }

        public @Nullable Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public @Nullable Integer getMaxRestarts() {
            return this.maxRestarts;
        }

        public void setMaxRestarts(@Nullable Integer maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public @Nullable Duration getWindow() {
            return this.window;
        }

        public void setWindow(@Nullable Duration window) {
            this.window = window;
        }

    }

    /** One actor: its scripts, and overrides of lua-actor.defaults (every setting is optional). */
    public static class Actor extends ActorSettingsProperties {

        /** Whether to start this actor. */
        private boolean enabled = true;

        /** Inline Lua source of the per-message handler. */
        private @Nullable String handle;

        /** Location of the per-message handler script, such as "classpath:scripts/audit.lua". */
        private @Nullable String handleScript;

        /** Inline Lua source of the on_started hook. */
        private @Nullable String started;

        /** Location of the on_started hook script. */
        private @Nullable String startedScript;

        /** Inline Lua source of the on_stopped hook. */
        private @Nullable String stopped;

        /** Location of the on_stopped hook script. */
        private @Nullable String stoppedScript;

        /** Inline Lua source of the on_reload hook, run after a hot reload with the surviving ctx.state. */
        private @Nullable String reload;

        /** Location of the on_reload hook script. */
        private @Nullable String reloadScript;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getHandle() {
            return this.handle;
        }

        public void setHandle(@Nullable String handle) {
            this.handle = handle;
        }

        public @Nullable String getHandleScript() {
            return this.handleScript;
        }

        public void setHandleScript(@Nullable String handleScript) {
            this.handleScript = handleScript;
        }

        public @Nullable String getStarted() {
            return this.started;
        }

        public void setStarted(@Nullable String started) {
            this.started = started;
        }

        public @Nullable String getStartedScript() {
            return this.startedScript;
        }

        public void setStartedScript(@Nullable String startedScript) {
            this.startedScript = startedScript;
        }

        public @Nullable String getStopped() {
            return this.stopped;
        }

        public void setStopped(@Nullable String stopped) {
            this.stopped = stopped;
        }

        public @Nullable String getStoppedScript() {
            return this.stoppedScript;
        }

        public void setStoppedScript(@Nullable String stoppedScript) {
            this.stoppedScript = stoppedScript;
        }

        public @Nullable String getReload() {
            return this.reload;
        }

        public void setReload(@Nullable String reload) {
            this.reload = reload;
        }

        public @Nullable String getReloadScript() {
            return this.reloadScript;
        }

        public void setReloadScript(@Nullable String reloadScript) {
            this.reloadScript = reloadScript;
        }

    }

    /** Quotas of the whole actor system. */
    public static class Quotas {

        /** Lua actors alive at once in the system; one more (from Java or ctx.new_actor) is refused. */
        private int maxActors = LuaActorSystem.DEFAULT_MAX_ACTORS;

        /** Longest chain of handlers each waiting in ctx.send for the next (A sends to B, which sends to C...). */
        private int maxSendDepth = LuaActorSystem.DEFAULT_MAX_SEND_DEPTH;

        /** Coroutines alive (running or suspended) at once in all actors of the system. */
        private int maxCoroutines = LuaActorSystem.DEFAULT_MAX_COROUTINES;

        /**
         * Coroutines alive (running or suspended) at once in every actor system of the JVM together, this
         * application's and any other.
         */
        private int maxCoroutinesPerJvm = LuaActorSystem.DEFAULT_MAX_COROUTINES_PER_JVM;

        public int getMaxActors() {
            return this.maxActors;
        }

        public void setMaxActors(int maxActors) {
            this.maxActors = maxActors;
        }

        public int getMaxSendDepth() {
            return this.maxSendDepth;
        }

        public void setMaxSendDepth(int maxSendDepth) {
            this.maxSendDepth = maxSendDepth;
        }

        public int getMaxCoroutines() {
            return this.maxCoroutines;
        }

        public void setMaxCoroutines(int maxCoroutines) {
            this.maxCoroutines = maxCoroutines;
        }

        public int getMaxCoroutinesPerJvm() {
            return this.maxCoroutinesPerJvm;
        }

        public void setMaxCoroutinesPerJvm(int maxCoroutinesPerJvm) {
            this.maxCoroutinesPerJvm = maxCoroutinesPerJvm;
        }

    }

    /** Shutdown of the actor system. */
    public static class Shutdown {

        /** How long actors may drain their mailboxes and run on_stopped when the application stops. */
        private Duration timeout = Duration.ofSeconds(10);

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

    }

    /** Hot reload of actor scripts. */
    public static class Reload {

        /**
         * Whether to watch actor scripts and modules that are files on disk and reload the actors using them when
         * they change. Meant for development.
         */
        private boolean watch;

        /** How often the watcher checks script and module files for changes. */
        private Duration interval = Duration.ofSeconds(1);

        public boolean isWatch() {
            return this.watch;
        }

        public void setWatch(boolean watch) {
            this.watch = watch;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

    }

    /** Health reporting of actors. */
    public static class Health {

        /**
         * Fill ratio of a bounded mailbox, above 0 and at most 1, from which the "luaActors" health indicator reports
         * MAILBOX_WARNING.
         */
        private double mailboxWarningRatio = ActorSettings.DEFAULT_MAILBOX_WARNING_RATIO;

        /**
         * Health status the "luaActors" indicator reports while an actor that died is remembered: one whose restarts
         * were exhausted, that stopped after a failure (on-failure: stop) or that failed to start. DOWN, or a status
         * of your own such as ACTOR_STOPPED (then map it with management.endpoint.health.status.*). Actors stopped
         * on purpose (stop(), ctx.terminate, shutdown) never change the status.
         */
        private String stoppedActorStatus = "DOWN";

        /**
         * How many actors that stopped for good the "luaActors" health indicator and endpoint remember, with why
         * they stopped; the oldest is forgotten first, those stopped on purpose before those that died, and an
         * actor started again under the same name is forgotten at once.
         */
        private int retainedStoppedActors = 100;

        public String getStoppedActorStatus() {
            return this.stoppedActorStatus;
        }

        public void setStoppedActorStatus(String stoppedActorStatus) {
            this.stoppedActorStatus = stoppedActorStatus;
        }

        public int getRetainedStoppedActors() {
            return this.retainedStoppedActors;
        }

        public void setRetainedStoppedActors(int retainedStoppedActors) {
            this.retainedStoppedActors = retainedStoppedActors;
        }

        public double getMailboxWarningRatio() {
            return this.mailboxWarningRatio;
        }

        public void setMailboxWarningRatio(double mailboxWarningRatio) {
            this.mailboxWarningRatio = mailboxWarningRatio;
        }

    }

    /** The "luaactors" Actuator endpoint. */
    public static class Endpoint {

        /**
         * Largest Lua source the endpoint's reload operation accepts; a larger one is refused with 413 before it is
         * compiled.
         */
        private DataSize maxReloadSourceSize = DataSize.ofKilobytes(256);

        public DataSize getMaxReloadSourceSize() {
            return this.maxReloadSourceSize;
        }

        public void setMaxReloadSourceSize(DataSize maxReloadSourceSize) {
            this.maxReloadSourceSize = maxReloadSourceSize;
        }

    }

    /** Micrometer meters of actors (lua.actor.*). */
    public static class Metrics {

        /**
         * Time one message in this many while the actor is busy (lua.actor.handle.duration and
         * lua.actor.mailbox.wait); a message sent while the actor is idle is always timed. 1 times every message.
         * Message counts (lua.actor.messages.*) are exact whatever the value.
         */
        private int timerSampling = ActorSettings.DEFAULT_TIMER_SAMPLING;

        public int getTimerSampling() {
            return this.timerSampling;
        }

        public void setTimerSampling(int timerSampling) {
            this.timerSampling = timerSampling;
        }

    }

}
