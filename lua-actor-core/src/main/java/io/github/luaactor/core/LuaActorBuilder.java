package io.github.luaactor.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.github.luaactor.core.internal.actor.ActorSpec;
import io.github.luaactor.core.state.StateSettings;

/**
 * Builds and starts one Lua actor. The handler script's body runs once per message; {@code on_started} runs once
 * before the first message and {@code on_stopped} once when the actor stops.
 *
 * <pre>{@code
 * LuaActorRef adder = LuaActorBuilder.create()
 *         .name("adder")
 *         .onHandle("return ctx.msg + 42")
 *         .start(system);
 * }</pre>
 */
public final class LuaActorBuilder {
    private static final String INLINE = "inline";

    private String name;
    private LuaScript handle;
    private LuaScript started;
    private LuaScript stopped;
    private LuaScript reload;
    private UnaryOperator<ActorSettings> settings = UnaryOperator.identity();
    private final Map<String, LuaMessageHandler> recipients = new LinkedHashMap<>();
    private final List<LuaVmCustomizer> customizers = new ArrayList<>();
    private StateSettings state;

    private LuaActorBuilder() {
    }

    public static LuaActorBuilder create() {
        return new LuaActorBuilder();
    }

    /** The actor's name; a unique one is generated when absent. */
    public LuaActorBuilder name(String name) {
        this.name = name;
        return this;
    }

    public LuaActorBuilder onHandle(String source) {
        this.handle = inline("handle", source);
        return this;
    }

    public LuaActorBuilder onStarted(String source) {
        this.started = inline("started", source);
        return this;
    }

    public LuaActorBuilder onStopped(String source) {
        this.stopped = inline("stopped", source);
        return this;
    }

    /** Runs after a hot reload, with the surviving {@code ctx.state}; may migrate it. */
    public LuaActorBuilder onReload(String source) {
        this.reload = inline("reload", source);
        return this;
    }

    public LuaActorBuilder onHandleFile(Path file) {
        this.handle = LuaScript.of(file);
        return this;
    }

    public LuaActorBuilder onStartedFile(Path file) {
        this.started = LuaScript.of(file);
        return this;
    }

    public LuaActorBuilder onStoppedFile(Path file) {
        this.stopped = LuaScript.of(file);
        return this;
    }

    /** Any script with its chunk name and location, e.g. read from a class-path resource. */
    public LuaActorBuilder onHandle(LuaScript script) {
        this.handle = Objects.requireNonNull(script, "script");
        return this;
    }

    public LuaActorBuilder onStarted(LuaScript script) {
        this.started = script;
        return this;
    }

    public LuaActorBuilder onStopped(LuaScript script) {
        this.stopped = script;
        return this;
    }

    public LuaActorBuilder onReload(LuaScript script) {
        this.reload = script;
        return this;
    }

    /** Mailbox capacity; 0 means unbounded. */
    public LuaActorBuilder mailboxCapacity(int capacity) {
        return settings(s -> s.withMailboxCapacity(capacity));
    }

    public LuaActorBuilder overflowPolicy(OverflowPolicy policy) {
        return settings(s -> s.withOverflowPolicy(policy));
    }

    public LuaActorBuilder instructionLimit(long limit) {
        return settings(s -> s.withInstructionLimit(limit));
    }

    public LuaActorBuilder handlerTimeout(Duration timeout) {
        return settings(s -> s.withHandlerTimeout(timeout));
    }

    public LuaActorBuilder askTimeout(Duration timeout) {
        return settings(s -> s.withAskTimeout(timeout));
    }

    /**
     * {@code false} makes the actor strict: while a handler waits in {@code ctx.send}, no other message starts (the
     * default, {@code true}, interleaves them there). See {@link ActorSettings#reentrant()}.
     */
    public LuaActorBuilder reentrant(boolean reentrant) {
        return settings(s -> s.withReentrant(reentrant));
    }

    public LuaActorBuilder onFailure(FailurePolicy policy) {
        return settings(s -> s.withOnFailure(policy));
    }

    /** Adjusts any setting, starting from the system's defaults. */
    public LuaActorBuilder settings(UnaryOperator<ActorSettings> change) {
        UnaryOperator<ActorSettings> before = settings;
        this.settings = s -> change.apply(before.apply(s));
        return this;
    }

    /** A Java recipient visible to this actor only; it takes precedence over system-wide names. */
    public LuaActorBuilder addRecipient(String recipientName, LuaMessageHandler handler) {
        recipients.put(Objects.requireNonNull(recipientName, "recipientName"),
                Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Prepares this actor's VM after the system's customizers; re-applied after a restart or reload. */
    public LuaActorBuilder customizer(LuaVmCustomizer customizer) {
        customizers.add(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /**
     * Where this actor keeps {@code ctx.state}, instead of the system's default: for example
     * {@code StateSettings.durable(store)} to load it before {@code on_started} and save it after each message
     * (docs/state.md).
     */
    public LuaActorBuilder state(StateSettings settings) {
        this.state = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Compiles the scripts and starts the actor.
     *
     * @throws LuaScriptException naming the actor, the chunk and the line when a script does not compile
     * @throws LuaActorException  when the name is already taken
     */
    public LuaActorRef start(LuaActorSystem system) {
        if (handle == null) {
            throw new IllegalStateException("A Lua actor needs a handler script: call onHandle(...) or onHandleFile(...)");
        }
        ActorSettings resolved = settings.apply(system.defaultSettings());
        String actor = name != null ? name : system.generateName();
        return system.spawn(new ActorSpec(actor, named(actor, handle), named(actor, started), named(actor, stopped),
                named(actor, reload), resolved, recipients, customizers, state));
    }

    private static LuaScript inline(String hook, String source) {
        Objects.requireNonNull(source, "source");
        return new LuaScript(hook, source, INLINE);
    }

    /** Inline chunks are named after their actor ({@code adder.handle}) so that errors say whose script failed. */
    private static LuaScript named(String actor, LuaScript script) {
        if (script == null || !INLINE.equals(script.location())) {
            return script;
        }
        return new LuaScript(actor + "." + script.chunkName(), script.source(), INLINE);
    }
}
