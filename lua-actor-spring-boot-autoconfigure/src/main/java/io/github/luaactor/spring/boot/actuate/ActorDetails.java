package io.github.luaactor.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.ActorStatistics;
import org.jspecify.annotations.Nullable;

/** Shared formatting of actor facts for the health details and the endpoint. */
final class ActorDetails {
    private ActorDetails() {
    }

    /** Fill ratio of a bounded mailbox, or {@code null} when it is unbounded. */
    static @Nullable Double fill(ActorStatistics statistics) {
        int capacity = statistics.mailboxCapacity();
        return capacity <= 0 ? null : (double) statistics.mailboxSize() / capacity;
    }

    /** Why and when an actor stopped for good, with its script, restarts and last error. */
    static Map<String, Object> stopped(LuaActorTracker.StoppedActor stopped) {
        ActorStatistics statistics = stopped.actor().statistics();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", stopped.reason().tag());
        details.put("state", stopped.actor().state().name());
        details.put("stoppedAt", stopped.stoppedAt().toString());
        details.put("script", stopped.actor().scriptLocation());
        details.put("restarts", statistics.restarts());
        Map<String, Object> lastError = lastError(statistics);
        if (lastError != null) {
            details.put("lastError", lastError);
        }
        return details;
    }

    static @Nullable Map<String, Object> lastError(ActorStatistics statistics) {
        ActorStatistics.ErrorInfo error = statistics.lastError();
        if (error == null) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", error.type());
        details.put("message", error.message());
        details.put("timestamp", error.timestamp().toString());
        return details;
    }
}
