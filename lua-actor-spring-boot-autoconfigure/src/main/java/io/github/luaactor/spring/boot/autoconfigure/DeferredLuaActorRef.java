package io.github.luaactor.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LuaActorRef} bean of one actor: a thin delegate to the running actor.
 * <p>
 * Actor beans exist before any other singleton is created (so they can be injected anywhere) but the actors
 * themselves start only when the application context has created every singleton, so that all
 * {@code @LuaRecipient} beans are registered first. Until then this ref is <em>not started</em>: {@link #state()}
 * is {@link ActorState#STARTING} and every message, stop or reload is queued, in order, and handed to the actor
 * when it starts; the returned futures complete then. So a bean may send from its constructor or
 * {@code @PostConstruct}, but must not <em>wait</em> for the reply there (that would wait for the end of start-up,
 * which is waiting for it). Once started, every call goes straight to the actor.
 */
public final class DeferredLuaActorRef implements LuaActorRef {

    private static final Log logger = LogFactory.getLog(DeferredLuaActorRef.class);

    private final LuaActorDefinition definition;

    private final Object lock = new Object();

    /** Written under {@link #lock}; read without it on the hot path once set. */
    private volatile @Nullable LuaActorRef target;

    private List<Consumer<LuaActorRef>> pending = new ArrayList<>();

    public DeferredLuaActorRef(LuaActorDefinition definition) {
        this.definition = definition;
    }

    /** How this actor is declared. */
    public LuaActorDefinition definition() {
        return this.definition;
    }

    /** The running actor, once started. */
    public Optional<LuaActorRef> target() {
        return Optional.ofNullable(this.target);
    }

    /** Whether the actor has been started (it may have stopped since). */
    public boolean isBound() {
        return target().isPresent();
    }

    /**
     * Points this ref at the started actor and hands it what was queued, in order. Binding again (after the context
     * was stopped and started) replaces the previous actor.
     */
    void bind(LuaActorRef actor) {
        synchronized (this.lock) {
            List<Consumer<LuaActorRef>> queued = this.pending;
            this.pending = new ArrayList<>();
            for (Consumer<LuaActorRef> action : queued) {
                action.accept(actor);
            }
            this.target = actor;
        }
    }

    private <T> CompletableFuture<T> whenStarted(Function<LuaActorRef, CompletionStage<T>> action) {
        LuaActorRef actor = this.target;
        if (actor != null) {
            return action.apply(actor).toCompletableFuture();
        }
        synchronized (this.lock) {
            actor = this.target;
            if (actor == null) {
                CompletableFuture<T> result = new CompletableFuture<>();
                this.pending.add((started) -> {
                    try {
                        action.apply(started).whenComplete((value, failure) -> {
                            if (failure != null) {
                                result.completeExceptionally(failure);
                            }
                            else {
                                result.complete(value);
                            }
                        });
                    }
                    catch (RuntimeException ex) {
                        result.completeExceptionally(ex);
                    }
                });
                return result;
            }
        }
        return action.apply(actor).toCompletableFuture();
    }

    @Override
    public String name() {
        return this.definition.name();
    }

    @Override
    public CompletableFuture<LuaMessage> send(LuaMessage message) {
        return whenStarted((actor) -> actor.send(message));
    }

    /** Once the actor runs, its own {@code call} (which may run the handler on this thread); before, a wait. */
    @Override
    public LuaMessage call(LuaMessage message, Duration timeout) {
        LuaActorRef actor = this.target;
        if (actor != null) {
            return actor.call(message, timeout);
        }
        return LuaActorRef.super.call(message, timeout);
    }

    /**
     * Fire and forget. Before the actor starts the message is queued; a refusal when it is handed over (a full
     * mailbox) is then reported as a dead letter by the actor system, not thrown.
     */
    @Override
    public void doSend(LuaMessage message) {
        LuaActorRef actor = this.target;
        if (actor != null) {
            actor.doSend(message);
            return;
        }
        synchronized (this.lock) {
            actor = this.target;
            if (actor == null) {
                this.pending.add((started) -> {
                    try {
                        started.doSend(message);
                    }
                    catch (LuaActorException ex) {
                        logger.debug("Message queued before Lua actor '" + name() + "' started was refused", ex);
                    }
                });
                return;
            }
        }
        actor.doSend(message);
    }

    @Override
    public CompletableFuture<Void> stop() {
        return whenStarted(LuaActorRef::stop);
    }

    @Override
    public boolean isAlive() {
        return state().isAlive();
    }

    @Override
    public ActorState state() {
        LuaActorRef actor = target().orElse(null);
        return (actor != null) ? actor.state() : ActorState.STARTING;
    }

    @Override
    public ActorStatistics statistics() {
        LuaActorRef actor = target().orElse(null);
        return (actor != null) ? actor.statistics() : new NotStartedStatistics(this);
    }

    @Override
    public String scriptLocation() {
        LuaActorRef actor = target().orElse(null);
        return (actor != null) ? actor.scriptLocation() : this.definition.handle().location();
    }

    @Override
    public CompletableFuture<Void> reload(String newSource) {
        return whenStarted((actor) -> actor.reload(newSource));
    }

    @Override
    public CompletableFuture<Void> reloadFile(Path file) {
        return whenStarted((actor) -> actor.reloadFile(file));
    }

    @Override
    public CompletableFuture<Void> whenTerminated() {
        return whenStarted(LuaActorRef::whenTerminated);
    }

    @Override
    public CompletableFuture<LuaMessage> stateSnapshot() {
        return whenStarted(LuaActorRef::stateSnapshot);
    }

    int queued() {
        synchronized (this.lock) {
            return this.pending.size();
        }
    }

    @Override
    public String toString() {
        LuaActorRef actor = target().orElse(null);
        return (actor != null) ? actor.toString() : "LuaActorRef[" + name() + ", not started]";
    }

    /** Counters of an actor that has not started: only the queued messages. */
    private record NotStartedStatistics(DeferredLuaActorRef ref) implements ActorStatistics {

        @Override
        public int mailboxSize() {
            return this.ref.queued();
        }

        @Override
        public int mailboxCapacity() {
            return 0;
        }

        @Override
        public long received() {
            return 0;
        }

        @Override
        public long succeeded() {
            return 0;
        }

        @Override
        public long failed() {
            return 0;
        }

        @Override
        public Map<DeadLetter.Reason, Long> rejected() {
            Map<DeadLetter.Reason, Long> none = new EnumMap<>(DeadLetter.Reason.class);
            for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
                none.put(reason, 0L);
            }
            return none;
        }

        @Override
        public int suspended() {
            return 0;
        }

        @Override
        public long restarts() {
            return 0;
        }

        @Override
        public @Nullable ErrorInfo lastError() {
            return null;
        }

    }

}
