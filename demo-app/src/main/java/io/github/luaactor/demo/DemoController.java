package io.github.luaactor.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.MailboxFullException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /events} feeds the {@code router} actor; {@code GET /stats/{sensor}} asks that sensor's window actor
 * (a Java to Lua {@code send}); {@code GET /alerts} lists what the {@code alerts} recipient stored.
 */
@RestController
class DemoController {

    /** Window actors are named {@code window-<sensor>} by the router. */
    static final String WINDOW_PREFIX = "window-";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final LuaActorRef router;

    private final LuaActorSystem actors;

    private final AlertStore alerts;

    DemoController(@Qualifier("router") LuaActorRef router, LuaActorSystem actors, AlertStore alerts) {
        this.router = router;
        this.actors = actors;
        this.alerts = alerts;
    }

    /**
     * One event {@code {"sensor": "s-17", "value": 21.4}} or a JSON array of them. Each goes to the router, which
     * answers with the name of the window actor it forwarded the event to.
     */
    @PostMapping("/events")
    Map<String, Object> events(@RequestBody Object body) {
        List<?> events = body instanceof List<?> list ? list : List.of(body);
        List<Object> windows = new ArrayList<>(events.size());
        for (Object event : events) {
            windows.add(ask(router, LuaMessage.from(event)).toJava());
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("accepted", events.size());
        reply.put("windows", windows);
        return reply;
    }

    /** The one-minute statistics of one sensor, straight from its window actor. */
    @GetMapping("/stats/{sensor}")
    ResponseEntity<Object> stats(@PathVariable String sensor) {
        Optional<LuaActorRef> window = actors.actor(WINDOW_PREFIX + sensor);
        if (window.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(error("unknown-sensor", "No events seen for sensor '" + sensor + "'"));
        }
        return ResponseEntity.ok(ask(window.get(), LuaMessage.from("stats")).toJava());
    }

    /** The statistics of every sensor, asked of all window actors at once. */
    @GetMapping("/stats")
    List<Object> allStats() {
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (LuaActorRef actor : actors.actors()) {
            if (actor.name().startsWith(WINDOW_PREFIX) && actor.isAlive()) {
                replies.add(actor.send(LuaMessage.from("stats"), TIMEOUT));
            }
        }
        List<Object> result = new ArrayList<>(replies.size());
        for (CompletableFuture<LuaMessage> reply : replies) {
            try {
                result.add(reply.get().toJava());
            }
            catch (ExecutionException ex) {
                // a window that stopped meanwhile: leave it out
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return result;
    }

    @GetMapping("/alerts")
    Map<String, Object> alerts(@RequestParam(defaultValue = "20") int limit) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("total", alerts.total());
        reply.put("latest", alerts.latest(Math.max(0, Math.min(limit, 100))));
        return reply;
    }

    private static LuaMessage ask(LuaActorRef actor, LuaMessage message) {
        try {
            return actor.send(message, TIMEOUT).get();
        }
        catch (ExecutionException ex) {
            throw new ActorCallException(actor.name(), ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ActorCallException(actor.name(), ex);
        }
    }

    @ExceptionHandler(ActorCallException.class)
    ResponseEntity<Map<String, Object>> actorFailed(ActorCallException ex) {
        return switch (ex.getCause()) {
            case LuaScriptException lua -> ResponseEntity.badRequest()
                .body(error("lua-error", ex.actor + ": " + lua.luaMessage()));
            case MailboxFullException full -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .body(error("mailbox-full", full.getMessage()));
            case TimeoutException timeout -> ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
                .body(error("timeout", "No reply from " + ex.actor + " within " + TIMEOUT));
            case LuaActorException other -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(error("actor-error", other.getMessage()));
            case null, default -> ResponseEntity.internalServerError().body(error("internal-error", String.valueOf(ex.getCause())));
        };
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badMessage(IllegalArgumentException ex) {
        return ResponseEntity.badRequest().body(error("bad-event", ex.getMessage()));
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    /** A failed send to an actor, unwrapped by {@link #actorFailed}. */
    static final class ActorCallException extends RuntimeException {
        final String actor;

        ActorCallException(String actor, Throwable cause) {
            super(cause);
            this.actor = actor;
        }
    }
}
