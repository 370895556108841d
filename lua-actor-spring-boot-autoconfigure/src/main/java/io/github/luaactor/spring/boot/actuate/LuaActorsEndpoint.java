package io.github.luaactor.spring.boot.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.BudgetExceededException;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.MailboxFullException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.unit.DataSize;

/**
 * The {@code luaactors} endpoint: lists the actors, shows one, sends it a message and hot-reloads its handler.
 * <p>
 * Writing (sending and reloading) runs code in the application, so the endpoint's default access is
 * {@link Access#READ_ONLY}: allow it with {@code management.endpoint.luaactors.access=unrestricted}.
 * Failures are reported as {@link LuaActorsEndpointException}s that the web extension turns into JSON errors.
 */
@Endpoint(id = "luaactors", defaultAccess = Access.READ_ONLY)
public class LuaActorsEndpoint {
    /** {@code encoding} of a {@code message} given as JSON text. */
    public static final String JSON_ENCODING = "json";
    /** Default of {@code lua-actor.endpoint.max-reload-source-size}. */
    public static final DataSize DEFAULT_MAX_RELOAD_SOURCE_SIZE = DataSize.ofKilobytes(256);
    private static final String RELOAD = "reload";

    private final LuaActorSystem system;
    private final @Nullable LuaActorTracker tracker;
    private final Duration timeout;
    private final DataSize maxReloadSourceSize;
    private final @Nullable LuaActorsEndpointCluster cluster;

    /**
     * With the default limit on reload sources, {@link #DEFAULT_MAX_RELOAD_SOURCE_SIZE}.
     *
     * @param system  the actors to show
     * @param tracker remembers actors that stopped for good, or {@code null}
     * @param timeout how long a send or a reload may take before the endpoint gives up waiting
     */
    public LuaActorsEndpoint(LuaActorSystem system, @Nullable LuaActorTracker tracker, Duration timeout) {
        this(system, tracker, timeout, DEFAULT_MAX_RELOAD_SOURCE_SIZE);
    }

    /**
     * @param system              the actors to show
     * @param tracker             remembers actors that stopped for good, or {@code null}
     * @param timeout             how long a send or a reload may take before the endpoint gives up waiting
     * @param maxReloadSourceSize largest Lua source (UTF-8) a reload accepts
     */
    public LuaActorsEndpoint(LuaActorSystem system, @Nullable LuaActorTracker tracker, Duration timeout,
            DataSize maxReloadSourceSize) {
        this(system, tracker, timeout, maxReloadSourceSize, null);
    }

    /**
     * @param system              the actors to show
     * @param tracker             remembers actors that stopped for good, or {@code null}
     * @param timeout             how long a send or a reload may take before the endpoint gives up waiting
     * @param maxReloadSourceSize largest Lua source (UTF-8) a reload accepts
     * @param cluster             the cluster this application is a member of, or {@code null}: its entry is listed
     *                            and its actors on other members can be sent to
     */
    public LuaActorsEndpoint(LuaActorSystem system, @Nullable LuaActorTracker tracker, Duration timeout,
            DataSize maxReloadSourceSize, @Nullable LuaActorsEndpointCluster cluster) {
        this.system = system;
        this.tracker = tracker;
        this.timeout = timeout;
        this.maxReloadSourceSize = maxReloadSourceSize;
        this.cluster = cluster;
    }

    @ReadOperation
    public ActorsDescriptor actors() {
        List<StoppedActorDescriptor> stopped = tracker == null ? List.of()
                : tracker.stoppedActors().stream().map(StoppedActorDescriptor::of).toList();
        return new ActorsDescriptor(LuaActorTracker.actors(system, tracker).stream().map(ActorSummary::of).toList(),
                stopped, cluster == null ? null : cluster.describe());
    }

    @ReadOperation
    public @Nullable ActorDescriptor actor(@Selector String name) {
        LuaActorRef actor = find(name);
        return actor == null ? null : ActorDescriptor.of(actor);
    }

    /**
     * Sends {@code message} (any JSON value) and returns the handler's reply.
     *
     * @param encoding {@code null} when {@code message} is the value itself, {@code "json"} when it is JSON text
     * @throws LuaActorsEndpointException when the actor is unknown, refuses the message or its handler fails
     */
    @WriteOperation
    public SendResult send(@Selector String name, @Nullable Object message, @Nullable String encoding) {
        LuaActorRef actor = find(name);
        if (actor == null && cluster != null) {
            // A cluster actor that lives on another member (or is not active anywhere yet).
            actor = cluster.find(name);
        }
        if (actor == null) {
            actor = require(name);
        }
        LuaMessage converted;
        try {
            converted = JsonMessages.toMessage(decode(message, encoding));
        } catch (IllegalArgumentException e) {
            throw new LuaActorsEndpointException(400, error("bad-message", name, e.getMessage()));
        }
        LuaMessage reply = await(name, actor.send(converted));
        return new SendResult(name, JsonMessages.toJson(reply));
    }

    private static @Nullable Object decode(@Nullable Object message, @Nullable String encoding) {
        if (encoding == null) {
            return message;
        }
        if (!JSON_ENCODING.equals(encoding)) {
            throw new IllegalArgumentException("Unknown encoding '" + encoding + "'; the only one is 'json'");
        }
        if (!(message instanceof String text)) {
            throw new IllegalArgumentException("With \"encoding\": \"json\" the message must be JSON text");
        }
        return JsonMessages.parse(text);
    }

    /**
     * {@code POST .../luaactors/{name}/reload}: replaces the actor's handler with {@code source}.
     *
     * @throws LuaActorsEndpointException for an unknown actor or action, a source larger than the limit, a syntax
     *                                     error or a stopped actor
     */
    @WriteOperation
    public ReloadResult reload(@Selector String name, @Selector String action, String source) {
        if (!RELOAD.equals(action)) {
            throw new LuaActorsEndpointException(404,
                    error("not-found", name, "Unknown action '" + action + "'; the only action is 'reload'"));
        }
        requireWithinLimit(name, source);
        LuaActorRef actor = require(name);
        CompletableFuture<Void> done;
        try {
            done = actor.reload(source);
        } catch (LuaScriptException e) {
            Map<String, Object> body = error("syntax-error", name, e.luaMessage());
            putPosition(body, e.chunk(), e.line());
            throw new LuaActorsEndpointException(400, body);
        } catch (LuaActorException e) {
            throw failure(name, e);
        }
        await(name, done);
        return new ReloadResult(name, true, actor.scriptLocation());
    }

    /** Refused before compiling: an unbounded source would let one request fill the heap with a chunk. */
    private void requireWithinLimit(String name, @Nullable String source) {
        if (source == null) {
            return;
        }
        long limit = maxReloadSourceSize.toBytes();
        // a char is at most 3 UTF-8 bytes, so most sources need no encoding to pass
        if ((long) source.length() * 3 <= limit) {
            return;
        }
        long size = source.getBytes(StandardCharsets.UTF_8).length;
        if (size > limit) {
            Map<String, Object> body = error("source-too-large", name, "The Lua source to reload actor '" + name
                    + "' is " + size + " bytes; the limit is " + limit + " bytes (" + maxReloadSourceSize
                    + ", lua-actor.endpoint.max-reload-source-size)");
            body.put("size", size);
            body.put("limit", limit);
            throw new LuaActorsEndpointException(413, body);
        }
    }

    private @Nullable LuaActorRef find(String name) {
        for (LuaActorRef actor : LuaActorTracker.actors(system, tracker)) {
            if (actor.name().equals(name)) {
                return actor;
            }
        }
        return null;
    }

    private LuaActorRef require(String name) {
        LuaActorRef actor = find(name);
        if (actor == null) {
            throw new LuaActorsEndpointException(404, error("not-found", name, "No Lua actor named '" + name + "'"));
        }
        return actor;
    }

    private <T> T await(String name, CompletableFuture<T> future) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failure(name, e.getCause());
        } catch (TimeoutException e) {
            throw new LuaActorsEndpointException(504,
                    error("timeout", name, "No reply from Lua actor '" + name + "' within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LuaActorsEndpointException(503, error("interrupted", name, "Interrupted while waiting"));
        } catch (CancellationException e) {
            throw new LuaActorsEndpointException(503, error("cancelled", name, "The request was cancelled"));
        }
    }

    private static LuaActorsEndpointException failure(String name, @Nullable Throwable cause) {
        return switch (cause) {
            case LuaScriptException e -> {
                Map<String, Object> body = error("lua-error", name, e.luaMessage());
                putPosition(body, e.chunk(), e.line());
                yield new LuaActorsEndpointException(422, body);
            }
            case BudgetExceededException e -> {
                Map<String, Object> body = error("budget-exceeded", name, e.getMessage());
                body.put("budget", e.budget().name());
                putPosition(body, e.chunk(), e.line());
                yield new LuaActorsEndpointException(422, body);
            }
            case MailboxFullException e -> new LuaActorsEndpointException(429, error("mailbox-full", name,
                    e.getMessage()));
            case ActorStoppedException e -> new LuaActorsEndpointException(409, error("actor-stopped", name,
                    e.getMessage()));
            case LuaActorException e -> new LuaActorsEndpointException(500, error("actor-error", name,
                    e.getMessage()));
            case null -> new LuaActorsEndpointException(500, error("internal-error", name, "unknown failure"));
            default -> new LuaActorsEndpointException(500, error("internal-error", name, cause.toString()));
        };
    }

    private static void putPosition(Map<String, Object> body, @Nullable String chunk, int line) {
        if (chunk != null) {
            body.put("chunk", chunk);
        }
        if (line > 0) {
            body.put("line", line);
        }
    }

    private static Map<String, Object> error(String code, String actor, @Nullable String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("actor", actor);
        body.put("message", message == null ? code : message);
        return body;
    }

    /**
     * All actors, and those that stopped for good as far as the tracker remembers them (a failed one is in both).
     */
    public record ActorsDescriptor(List<ActorSummary> actors, List<StoppedActorDescriptor> stopped,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Object> cluster)
            implements OperationResponseBody {

        /** Without stopped actors. */
        public ActorsDescriptor(List<ActorSummary> actors) {
            this(actors, List.of());
        }

        /** Not a cluster member. */
        public ActorsDescriptor(List<ActorSummary> actors, List<StoppedActorDescriptor> stopped) {
            this(actors, stopped, null);
        }
    }

    /**
     * An actor that stopped for good: {@code reason} is {@code stopped} (stop() or shutdown), {@code terminated}
     * ({@code ctx.terminate()}), {@code failed} (restarts exhausted, or on-failure stop) or {@code start-failed}.
     */
    public record StoppedActorDescriptor(String name, String reason, String state, String stoppedAt, String script,
            long processed, long failed, long restarts, @Nullable Map<String, Object> lastError) {

        static StoppedActorDescriptor of(LuaActorTracker.StoppedActor stopped) {
            LuaActorRef actor = stopped.actor();
            ActorStatistics statistics = actor.statistics();
            return new StoppedActorDescriptor(actor.name(), stopped.reason().tag(), actor.state().name(),
                    stopped.stoppedAt().toString(), actor.scriptLocation(), statistics.processed(),
                    statistics.failed(), statistics.restarts(), ActorDetails.lastError(statistics));
        }
    }

    /** One actor in a list. */
    public record ActorSummary(String name, String state, String script, MailboxDescriptor mailbox, long processed,
            long failed, int suspended, @Nullable Map<String, Object> lastError, StateDescriptor durableState) {

        /** Without the durable state (as before it existed): shown as "memory". */
        public ActorSummary(String name, String state, String script, MailboxDescriptor mailbox, long processed,
                long failed, int suspended, @Nullable Map<String, Object> lastError) {
            this(name, state, script, mailbox, processed, failed, suspended, lastError, StateDescriptor.MEMORY);
        }

        static ActorSummary of(LuaActorRef actor) {
            ActorStatistics statistics = actor.statistics();
            return new ActorSummary(actor.name(), actor.state().name(), actor.scriptLocation(),
                    MailboxDescriptor.of(statistics), statistics.processed(), statistics.failed(),
                    statistics.suspended(), ActorDetails.lastError(statistics), StateDescriptor.of(statistics));
        }
    }

    /** One actor in detail. */
    public record ActorDescriptor(String name, String state, boolean alive, String script,
            MailboxDescriptor mailbox, long received, long processed, long succeeded, long failed,
            Map<String, Long> rejected, int suspended, long restarts, @Nullable Map<String, Object> lastError,
            StateDescriptor durableState) implements OperationResponseBody {

        /** Without the durable state (as before it existed): shown as "memory". */
        public ActorDescriptor(String name, String state, boolean alive, String script, MailboxDescriptor mailbox,
                long received, long processed, long succeeded, long failed, Map<String, Long> rejected,
                int suspended, long restarts, @Nullable Map<String, Object> lastError) {
            this(name, state, alive, script, mailbox, received, processed, succeeded, failed, rejected, suspended,
                    restarts, lastError, StateDescriptor.MEMORY);
        }

        static ActorDescriptor of(LuaActorRef actor) {
            ActorStatistics statistics = actor.statistics();
            Map<DeadLetter.Reason, Long> counts = statistics.rejected();
            Map<String, Long> rejected = new LinkedHashMap<>();
            for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
                rejected.put(reason.tag(), counts.getOrDefault(reason, 0L));
            }
            return new ActorDescriptor(actor.name(), actor.state().name(), actor.isAlive(), actor.scriptLocation(),
                    MailboxDescriptor.of(statistics), statistics.received(), statistics.processed(),
                    statistics.succeeded(), statistics.failed(), rejected, statistics.suspended(),
                    statistics.restarts(), ActorDetails.lastError(statistics), StateDescriptor.of(statistics));
        }
    }

    /**
     * Where an actor keeps {@code ctx.state}: {@code memory} (its VM only, {@code revision} null) or a durable
     * store's kind such as {@code jdbc}, with the revision of its last loaded or saved snapshot (0 before the first).
     */
    public record StateDescriptor(String store, @Nullable Long revision) {
        static final StateDescriptor MEMORY = new StateDescriptor("memory", null);

        static StateDescriptor of(ActorStatistics statistics) {
            long revision = statistics.stateRevision();
            return revision < 0 ? new StateDescriptor(statistics.stateStore(), null)
                    : new StateDescriptor(statistics.stateStore(), revision);
        }
    }

    /** Mailbox fill; {@code capacity} 0 means unbounded (and {@code fill} is then {@code null}). */
    public record MailboxDescriptor(int size, int capacity, @Nullable Double fill) {
        static MailboxDescriptor of(ActorStatistics statistics) {
            return new MailboxDescriptor(statistics.mailboxSize(), statistics.mailboxCapacity(),
                    ActorDetails.fill(statistics));
        }
    }

    /** The reply to a message sent through the endpoint. */
    public record SendResult(String actor, @Nullable Object reply) implements OperationResponseBody {
    }

    /** A successful hot reload. */
    public record ReloadResult(String actor, boolean reloaded, String script) implements OperationResponseBody {
    }
}
