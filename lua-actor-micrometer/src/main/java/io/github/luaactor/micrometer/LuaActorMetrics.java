package io.github.luaactor.micrometer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.Quota;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for Lua actors: a {@link MeterBinder} (bind it to a registry, or let Spring Boot bind it to the
 * application's) and a {@link LuaActorMonitor} (the actor system reports starts, stops and per-message timings to it).
 * It needs no Spring: {@code LuaActorSystem.builder().monitor(metrics).build()} and {@code metrics.bindTo(registry)}.
 * <p>
 * Counters and gauges read the actors' own {@link ActorStatistics} when the registry is scraped, so they cost
 * nothing per message. The two timers are resolved once per actor; recording a message is a plain
 * {@link Timer#record(long, TimeUnit)} per registry, with no look-up and no allocation.
 * <p>
 * Actors started before the registry is bound get their meters when it is; meters of a stopped actor are removed.
 * Actors of a system built without this monitor can be adopted with {@link #track(LuaActorSystem)}: they get every
 * meter except the two timers, which only the monitor can feed.
 */
public class LuaActorMetrics implements LuaActorMonitor, MeterBinder {
    static final String ACTOR = "actor";

    private final Tags extraTags;
    private final int timerSampling;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<String, ActorMeters> actors = new LinkedHashMap<>();

    public LuaActorMetrics() {
        this(Tags.empty());
    }

    /**
     * Adds these tags to every meter; one message in {@link ActorSettings#DEFAULT_TIMER_SAMPLING} is timed while the
     * actor is busy.
     */
    public LuaActorMetrics(Iterable<Tag> extraTags) {
        this(extraTags, ActorSettings.DEFAULT_TIMER_SAMPLING);
    }

    /**
     * Adds these tags to every meter and times one message in {@code timerSampling} while the actor is busy (a
     * message sent while the actor is idle is always timed; {@code 1} times every message).
     */
    public LuaActorMetrics(Iterable<Tag> extraTags, int timerSampling) {
        if (timerSampling < 1) {
            throw new IllegalArgumentException("timerSampling must be at least 1, was " + timerSampling);
        }
        this.extraTags = Tags.of(extraTags);
        this.timerSampling = timerSampling;
    }

    /** One message in this many is timed while messages queue up. */
    public int timerSampling() {
        return this.timerSampling;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (registries.contains(registry)) {
            return;
        }
        registries.add(registry);
        Gauge.builder("lua.actors.active", this, LuaActorMetrics::activeActors)
                .description("Lua actors alive")
                .tags(extraTags)
                .strongReference(true)
                .register(registry);
        // JVM-wide, like the quota it shows (lua-actor.quotas.max-coroutines-per-jvm): every system's coroutines.
        Gauge.builder("lua.actors.coroutines", LuaActorSystem::liveCoroutinesInJvm)
                .description("Coroutines alive (running or suspended) in every actor system of the JVM")
                .tags(extraTags)
                .strongReference(true)
                .register(registry);
        for (ActorMeters meters : actors.values()) {
            meters.bind(registry);
        }
    }

    @Override
    public synchronized Probe actorStarted(LuaActorRef actor) {
        return register(actor, true);
    }

    @Override
    public synchronized void actorStopped(LuaActorRef actor) {
        ActorMeters meters = actors.get(actor.name());
        if (meters != null && meters.actor == actor) {
            actors.remove(actor.name());
            meters.unbind();
        }
    }

    /**
     * Adopts the live actors of a system that was built without this monitor: they get their counters and gauges
     * (not the timers) now and lose them when they terminate. Actors already known are left alone.
     */
    public synchronized void track(LuaActorSystem system) {
        for (LuaActorRef actor : system.actors()) {
            ActorMeters known = actors.get(actor.name());
            if (actor.isAlive() && (known == null || known.actor != actor)) {
                register(actor, false);
                actor.whenTerminated().whenComplete((ignored, error) -> actorStopped(actor));
            }
        }
    }

    private ActorMeters register(LuaActorRef actor, boolean timed) {
        ActorMeters previous = actors.get(actor.name());
        if (previous != null) {
            // A new actor took the name before the old one's stop was reported: its meters must not be reused.
            previous.unbind();
        }
        ActorMeters meters = new ActorMeters(actor, Tags.of(extraTags).and(ACTOR, actor.name()), timed,
                timerSampling);
        actors.put(actor.name(), meters);
        for (MeterRegistry registry : registries) {
            meters.bind(registry);
        }
        return meters;
    }

    private synchronized double activeActors() {
        int alive = 0;
        for (ActorMeters meters : actors.values()) {
            if (meters.actor.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    /** One actor's meters in every bound registry, and its probe. */
    static final class ActorMeters implements Probe {
        private static final Timer[] NO_TIMERS = {};
        /**
         * Micrometer's default pause detector (with LatencyUtils on the class path, as in every Boot app) reads the
         * clock and updates an interval estimator on every record: a third of a small handler's cost. Its
         * compensation for JVM pauses is meant for request latencies, not for the time a handler runs.
         */
        private static final NoPauseDetector NO_PAUSE_DETECTOR = new NoPauseDetector();

        final LuaActorRef actor;
        private final ActorStatistics statistics;
        private final Tags tags;
        private final boolean timed;
        private final int timerSampling;
        private final List<Registered> registered = new ArrayList<>();
        // Read on actor threads; replaced (never mutated) when a registry is bound or the actor stops.
        private volatile Timer[] waitTimers = NO_TIMERS;
        private volatile Timer[] successTimers = NO_TIMERS;
        private volatile Timer[] errorTimers = NO_TIMERS;
        private volatile StateMeters[] stateMeters = StateMeters.NONE;

        ActorMeters(LuaActorRef actor, Tags tags, boolean timed, int timerSampling) {
            this.actor = actor;
            this.timerSampling = timerSampling;
            this.statistics = actor.statistics();
            this.tags = tags;
            this.timed = timed;
        }

        @Override
        public void handled(long mailboxWaitNanos, long runNanos, boolean success) {
            for (Timer timer : waitTimers) {
                timer.record(mailboxWaitNanos, TimeUnit.NANOSECONDS);
            }
            for (Timer timer : success ? successTimers : errorTimers) {
                timer.record(runNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int timerSampling() {
            return timerSampling;
        }

        @Override
        public void stateSaved(long nanos, int bytes, boolean success) {
            for (StateMeters meters : stateMeters) {
                meters.record(nanos, success);
            }
        }

        void bind(MeterRegistry registry) {
            ActorStatistics stats = statistics;
            List<Meter> meters = new ArrayList<>();
            meters.add(Gauge.builder("lua.actor.mailbox.size", stats, ActorStatistics::mailboxSize)
                    .description("Messages waiting in the actor's mailbox").tags(tags).strongReference(true)
                    .register(registry));
            meters.add(Gauge.builder("lua.actor.mailbox.capacity", stats, ActorStatistics::mailboxCapacity)
                    .description("Configured mailbox capacity (0 means unbounded)").tags(tags)
                    .strongReference(true).register(registry));
            meters.add(Gauge.builder("lua.actor.suspended", stats, ActorStatistics::suspended)
                    .description("Handlers suspended in ctx.send right now").tags(tags).strongReference(true)
                    .register(registry));
            meters.add(Gauge.builder("lua.actor.memory.estimate", stats, ActorStatistics::memoryEstimate)
                    .description("Upper estimate of the memory the actor's Lua values hold").baseUnit("bytes")
                    .tags(tags).strongReference(true).register(registry));
            meters.add(Gauge.builder("lua.actor.memory.limit", stats, ActorStatistics::memoryLimit)
                    .description("The actor's memory limit (0 means unlimited)").baseUnit("bytes").tags(tags)
                    .strongReference(true).register(registry));
            meters.add(FunctionCounter.builder("lua.actor.memory.measurements", stats,
                    ActorStatistics::memoryMeasurements)
                    .description("Walks over the actor's Lua values that measured what it holds").tags(tags)
                    .register(registry));
            meters.add(FunctionCounter.builder("lua.actor.messages.received", stats, ActorStatistics::received)
                    .description("Messages accepted into the mailbox").tags(tags).register(registry));
            meters.add(FunctionCounter.builder("lua.actor.messages.processed", stats, ActorStatistics::succeeded)
                    .description("Handlers finished").tags(tags).tag("outcome", "success").register(registry));
            meters.add(FunctionCounter.builder("lua.actor.messages.processed", stats, ActorStatistics::failed)
                    .description("Handlers finished").tags(tags).tag("outcome", "error").register(registry));
            for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
                meters.add(FunctionCounter.builder("lua.actor.messages.rejected", stats, s -> rejected(s, reason))
                        .description("Messages refused or dropped (dead letters)").tags(tags)
                        .tag("reason", reason.tag()).register(registry));
            }
            for (Quota quota : Quota.values()) {
                meters.add(FunctionCounter.builder("lua.actor.quota.exceeded", stats, s -> s.quotaExceeded(quota))
                        .description("Requests of the actor's scripts refused by a quota").tags(tags)
                        .tag("quota", quota.tag()).register(registry));
            }
            meters.add(Gauge.builder("lua.actor.timers.pending", stats, ActorStatistics::pendingTimers)
                    .description("ctx.notify_later timers not yet fired").tags(tags).strongReference(true)
                    .register(registry));
            meters.add(Gauge.builder("lua.actor.children", stats, ActorStatistics::children)
                    .description("Live actors this actor started with ctx.new_actor").tags(tags)
                    .strongReference(true).register(registry));
            meters.add(FunctionCounter.builder("lua.actor.restarts", stats, ActorStatistics::restarts)
                    .description("VM restarts after failures").tags(tags).register(registry));
            Timer wait = null;
            Timer success = null;
            Timer error = null;
            if (timed) {
                wait = Timer.builder("lua.actor.mailbox.wait")
                        .description("Time from enqueue to handler start").tags(tags)
                        .pauseDetector(NO_PAUSE_DETECTOR).register(registry);
                success = Timer.builder("lua.actor.handle.duration")
                        .description("Handler run time, suspension in ctx.send excluded").tags(tags)
                        .tag("outcome", "success").pauseDetector(NO_PAUSE_DETECTOR).register(registry);
                error = Timer.builder("lua.actor.handle.duration")
                        .description("Handler run time, suspension in ctx.send excluded").tags(tags)
                        .tag("outcome", "error").pauseDetector(NO_PAUSE_DETECTOR).register(registry);
                meters.add(wait);
                meters.add(success);
                meters.add(error);
            }
            StateMeters state = null;
            if (!"memory".equals(stats.stateStore())) {
                state = StateMeters.register(registry, tags, stats.stateStore());
                meters.addAll(state.meters());
            }
            registered.add(new Registered(registry, meters, wait, success, error, state));
            publishTimers();
        }

        void unbind() {
            for (Registered entry : registered) {
                for (Meter meter : entry.meters) {
                    entry.registry.remove(meter);
                }
            }
            registered.clear();
            publishTimers();
        }

        private void publishTimers() {
            List<Timer> waits = new ArrayList<>();
            List<Timer> successes = new ArrayList<>();
            List<Timer> errors = new ArrayList<>();
            List<StateMeters> states = new ArrayList<>();
            for (Registered entry : registered) {
                if (entry.stateMeters != null) {
                    states.add(entry.stateMeters);
                }
                if (entry.waitTimer != null && entry.successTimer != null && entry.errorTimer != null) {
                    waits.add(entry.waitTimer);
                    successes.add(entry.successTimer);
                    errors.add(entry.errorTimer);
                }
            }
            waitTimers = waits.toArray(NO_TIMERS);
            successTimers = successes.toArray(NO_TIMERS);
            errorTimers = errors.toArray(NO_TIMERS);
            stateMeters = states.toArray(StateMeters.NONE);
        }

        private static double rejected(ActorStatistics statistics, DeadLetter.Reason reason) {
            return statistics.rejected(reason);
        }

        private record Registered(MeterRegistry registry, List<Meter> meters, @Nullable Timer waitTimer,
                @Nullable Timer successTimer, @Nullable Timer errorTimer, @Nullable StateMeters stateMeters) {
        }
    }
}
