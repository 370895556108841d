package io.github.luaactor.spring.boot.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the Lua actors ({@code luaActors}).
 * <ul>
 * <li>the stopped-actor status ({@code DOWN} by default, {@code lua-actor.health.stopped-actor-status}) while an
 * actor that died is remembered: one that stopped because of failures ({@link ActorState#FAILED}), which includes
 * one whose {@code on_started} failed for good;</li>
 * <li>otherwise {@link #MAILBOX_WARNING} when a bounded mailbox is filled beyond the warning ratio;</li>
 * <li>otherwise {@code UP}.</li>
 * </ul>
 * Details list every actor's state, mailbox fill and last error, and under {@code stopped} the actors the
 * {@link LuaActorTracker} remembers as stopped for good, with why; an actor stopped on purpose ({@code stop()},
 * {@code ctx.terminate()}, shutdown) shows there but never changes the status. {@code MAILBOX_WARNING} is not one of Spring Boot's
 * default statuses: by default it shows on this component but does not change the aggregate status or the HTTP
 * code; map it with {@code management.endpoint.health.status.order} and
 * {@code management.endpoint.health.status.http-mapping.mailbox_warning}.
 */
public class LuaActorsHealthIndicator extends AbstractHealthIndicator {
    /** A mailbox is filled beyond the configured warning ratio. */
    public static final Status MAILBOX_WARNING = new Status("MAILBOX_WARNING",
            "A Lua actor's mailbox is filled beyond lua-actor.health.mailbox-warning-ratio");

    private final LuaActorSystem system;
    private final @Nullable LuaActorTracker tracker;
    private final double mailboxWarningRatio;
    private final Status stoppedActorStatus;

    /**
     * Reports {@code DOWN} while a failed actor is remembered.
     *
     * @param system              the actors to check
     * @param tracker             remembers actors that stopped for good (the system forgets them), or {@code null}
     * @param mailboxWarningRatio fill ratio (0..1] beyond which a bounded mailbox is reported
     */
    public LuaActorsHealthIndicator(LuaActorSystem system, @Nullable LuaActorTracker tracker,
            double mailboxWarningRatio) {
        this(system, tracker, mailboxWarningRatio, Status.DOWN);
    }

    /**
     * @param system              the actors to check
     * @param tracker             remembers actors that stopped for good (the system forgets them), or {@code null}
     * @param mailboxWarningRatio fill ratio (0..1] beyond which a bounded mailbox is reported
     * @param stoppedActorStatus  status while an actor that died is remembered ({@code UP} ignores them)
     */
    public LuaActorsHealthIndicator(LuaActorSystem system, @Nullable LuaActorTracker tracker,
            double mailboxWarningRatio, Status stoppedActorStatus) {
        super("Lua actors health check failed");
        this.stoppedActorStatus = stoppedActorStatus;
        if (!(mailboxWarningRatio > 0 && mailboxWarningRatio <= 1)) {
            throw new IllegalArgumentException(
                    "lua-actor.health.mailbox-warning-ratio must be in (0, 1], not " + mailboxWarningRatio);
        }
        this.system = system;
        this.tracker = tracker;
        this.mailboxWarningRatio = mailboxWarningRatio;
    }

    /**
     * The status for {@code lua-actor.health.stopped-actor-status}: Spring Boot's own for {@code UP}, {@code DOWN},
     * {@code OUT_OF_SERVICE} and {@code UNKNOWN} (so that their HTTP mapping applies), a new one otherwise.
     */
    public static Status stoppedActorStatus(String code) {
        String normalized = code.trim().toUpperCase(java.util.Locale.ROOT);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("lua-actor.health.stopped-actor-status must not be empty");
        }
        for (Status known : new Status[] { Status.UP, Status.DOWN, Status.OUT_OF_SERVICE, Status.UNKNOWN }) {
            if (known.getCode().equals(normalized)) {
                return known;
            }
        }
        return new Status(normalized, "A Lua actor stopped for good; see lua-actor.health.stopped-actor-status");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> actors = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (LuaActorRef actor : LuaActorTracker.actors(system, tracker)) {
            ActorStatistics statistics = actor.statistics();
            ActorState state = actor.state();
            Double fill = ActorDetails.fill(statistics);
            Map<String, Object> mailbox = new LinkedHashMap<>();
            mailbox.put("size", statistics.mailboxSize());
            mailbox.put("capacity", statistics.mailboxCapacity());
            if (fill != null) {
                mailbox.put("fill", fill);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", state.name());
            details.put("mailbox", mailbox);
            Map<String, Object> lastError = ActorDetails.lastError(statistics);
            if (lastError != null) {
                details.put("lastError", lastError);
            }
            if (state == ActorState.FAILED) {
                failed.add(actor.name());
            }
            else if (state.isAlive() && fill != null && fill >= mailboxWarningRatio) {
                warnings.add(actor.name());
                details.put("mailboxWarning", true);
            }
            actors.put(actor.name(), details);
        }
        if (!failed.isEmpty()) {
            builder.withDetail("failed", failed);
        }
        if (!failed.isEmpty() && !Status.UP.equals(stoppedActorStatus)) {
            builder.status(stoppedActorStatus);
        }
        else if (!warnings.isEmpty()) {
            builder.status(MAILBOX_WARNING);
        }
        else {
            builder.up();
        }
        if (!warnings.isEmpty()) {
            builder.withDetail("mailboxWarnings", warnings);
        }
        builder.withDetail("mailboxWarningRatio", mailboxWarningRatio).withDetail("actors", actors);
        if (tracker != null) {
            Map<String, Object> stopped = new LinkedHashMap<>();
            tracker.stoppedActors().forEach(actor -> stopped.put(actor.name(), ActorDetails.stopped(actor)));
            if (!stopped.isEmpty()) {
                builder.withDetail("stopped", stopped);
            }
        }
    }
}
