package io.github.luaactor.test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaScript;

/**
 * Runs Lua actors in a test: the production sandbox and settings, Java recipients stubbed or probed, the actors'
 * {@code ctx.state} readable, and {@code ctx.notify_later} on a virtual clock that moves only on
 * {@link #advanceTime(Duration)}.
 *
 * <pre>{@code
 * try (LuaActorTestKit kit = LuaActorTestKit.create()) {
 *     LuaTestProbe alerts = kit.probe("alerts");
 *     LuaActorRef watch = kit.spawnSource("watch", "if ctx.msg > 90 then ctx.do_send('alerts', ctx.msg) end");
 *     watch.doSend(LuaMessage.from(95));
 *     alerts.expectMessage(95, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Closing the kit closes a system it created; over a system it was {@linkplain #attach attached} to it stops only
 * the actors it spawned and removes its recipients ({@link #reset()}). Waits ({@link #awaitQuiet()}, {@link #state(LuaActorRef)},
 * {@link #call(LuaActorRef, Object)}) give up after {@link #timeout(Duration) the timeout} (30 s by default, generous
 * for a loaded build machine; a passing test never waits for it).
 */
public final class LuaActorTestKit implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final LuaActorSystem system;
    private final VirtualTimerScheduler timers;
    private final boolean ownsSystem;
    private final List<String> recipients = new CopyOnWriteArrayList<>();
    private final List<LuaActorRef> spawned = new CopyOnWriteArrayList<>();
    private volatile Duration timeout = DEFAULT_TIMEOUT;
    private volatile boolean closed;

    private LuaActorTestKit(LuaActorSystem system, VirtualTimerScheduler timers, boolean ownsSystem) {
        this.system = system;
        this.timers = timers;
        this.ownsSystem = ownsSystem;
    }

    /** A kit over a fresh system with the default settings and a virtual clock. */
    public static LuaActorTestKit create() {
        return create(builder -> {
        });
    }

    /**
     * A kit over a fresh system configured by {@code customizer} (settings, customizers, script and module roots);
     * the kit then sets the virtual timer scheduler.
     */
    public static LuaActorTestKit create(Consumer<LuaActorSystem.Builder> customizer) {
        return create(new VirtualTimerScheduler(), customizer);
    }

    /**
     * Like {@link #create(Consumer)} on a clock made beforehand, for a customizer that gives scripts the time:
     * {@code create(timers, b -> b.customizer(g -> g.function("now_ms", a -> timers.clock().millis())))}.
     */
    public static LuaActorTestKit create(VirtualTimerScheduler timers, Consumer<LuaActorSystem.Builder> customizer) {
        Objects.requireNonNull(timers, "timers");
        LuaActorSystem.Builder builder = LuaActorSystem.builder();
        customizer.accept(builder);
        builder.timerScheduler(timers);
        return new LuaActorTestKit(builder.build(), timers, true);
    }

    /**
     * A kit over a system made elsewhere (a Spring context's). {@code timers} is the scheduler that system was built
     * with, or null when its timers run on the real clock (then {@link #advanceTime(Duration)} refuses).
     */
    public static LuaActorTestKit attach(LuaActorSystem system, VirtualTimerScheduler timers) {
        return new LuaActorTestKit(Objects.requireNonNull(system, "system"), timers, false);
    }

    /** The system the actors run in. */
    public LuaActorSystem system() {
        return system;
    }

    /** How long waits last before they fail the test (default 30 s). */
    public LuaActorTestKit timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    // ------------------------------------------------------------------ actors

    /** Starts an actor from a builder, in this kit's system. */
    public LuaActorRef spawn(LuaActorBuilder builder) {
        return track(builder.start(system));
    }

    /** Starts an actor whose handler is the script file. */
    public LuaActorRef spawnScript(String name, Path script) {
        return spawn(LuaActorBuilder.create().name(name).onHandleFile(script));
    }

    /** Starts an actor whose handler is a class-path resource, e.g. {@code lua-actors/router.lua}. */
    public LuaActorRef spawnResource(String name, String classpathResource) {
        return spawn(LuaActorBuilder.create().name(name).onHandle(Scripts.resource(classpathResource)));
    }

    /** Starts an actor whose handler is this Lua source (chunk name {@code <name>.lua} in errors). */
    public LuaActorRef spawnSource(String name, String source) {
        return spawn(LuaActorBuilder.create().name(name).onHandle(LuaScript.of(name + ".lua", source)));
    }

    private LuaActorRef track(LuaActorRef actor) {
        spawned.add(actor);
        return actor;
    }

    /** Sends and waits for the reply ({@code message} is any value {@link LuaMessage#from(Object)} takes). */
    public LuaMessage call(LuaActorRef actor, Object message) {
        return actor.call(LuaMessage.from(message), timeout);
    }

    // ------------------------------------------------------------------ recipients

    /** Registers a Java recipient that stands in for a real one ({@code ctx.send(name, ...)} reaches it). */
    public LuaActorTestKit recipient(String name, LuaMessageHandler stub) {
        system.addRecipient(name, stub);
        recipients.add(name);
        return this;
    }

    /** Registers a probe under {@code name}: it records what actors send it and replies {@code nil} by default. */
    public LuaTestProbe probe(String name) {
        LuaTestProbe probe = new LuaTestProbe(name);
        recipient(name, probe.handler());
        return probe;
    }

    // ------------------------------------------------------------------ state and time

    /**
     * A copy of the actor's {@code ctx.state} after every message already sent to it (an empty table when the script
     * never set it).
     *
     * @throws AssertionError when the actor has stopped, its state holds a function, or it does not answer in time
     */
    public LuaMessage state(LuaActorRef actor) {
        LuaActorRef running = system.actor(actor.name()).orElse(actor);
        return await(running.stateSnapshot(), "the state of Lua actor '" + actor.name() + "'");
    }

    /** {@link #state(LuaActorRef)} of the actor with that name (also one started by {@code ctx.new_actor}). */
    public LuaMessage state(String actorName) {
        LuaActorRef actor = system.actor(actorName)
                .orElseThrow(() -> new AssertionError("No Lua actor named '" + actorName + "' is running"));
        return state(actor);
    }

    /**
     * Moves the virtual clock by {@code amount}: every {@code ctx.notify_later} timer that falls due fires in time
     * order, and after each the kit waits until the actors have handled what it caused (and what that caused, ...).
     * A timer set while advancing fires in the same call when it falls due before the end.
     *
     * @throws IllegalStateException when the kit's system does not run on a virtual clock
     */
    public LuaActorTestKit advanceTime(Duration amount) {
        VirtualTimerScheduler clock = virtualTimers();
        long target = clock.targetAfter(amount);
        awaitQuiet();
        Runnable due;
        while ((due = clock.takeDue(target)) != null) {
            due.run();
            awaitQuiet();
        }
        return this;
    }

    /**
     * Waits until the actors are quiet: everything sent has been handled, no handler waits in {@code ctx.send}, no
     * Java recipient call is running.
     *
     * @throws AssertionError naming the busy actors when that does not happen within the timeout
     */
    public LuaActorTestKit awaitQuiet() {
        Quiescence.await(system, timeout);
        return this;
    }

    /** How far {@link #advanceTime(Duration)} has moved the clock. */
    public Duration elapsed() {
        return virtualTimers().elapsed();
    }

    /** The virtual time as a {@link Clock}, for a customizer that gives scripts the time. */
    public Clock clock() {
        return virtualTimers().clock();
    }

    /** The virtual timer scheduler, or null when the system runs on the real clock. */
    public VirtualTimerScheduler timers() {
        return timers;
    }

    private VirtualTimerScheduler virtualTimers() {
        if (timers == null) {
            throw new IllegalStateException("This LuaActorTestKit's system runs ctx.notify_later on the real clock: "
                    + "build it with LuaActorTestKit.create(), or attach it with its VirtualTimerScheduler");
        }
        return timers;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Could not read " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No answer for " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Stops the actors this kit spawned and removes the recipients and probes it registered; the kit stays usable.
     * The Spring slice calls it after each test, since its context (and kit) outlive one test.
     */
    public void reset() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (LuaActorRef actor : spawned) {
            if (actor.isAlive()) {
                stops.add(actor.stop());
            }
        }
        spawned.clear();
        recipients.forEach(system::removeRecipient);
        recipients.clear();
        await(CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)), "the test's actors to stop");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsSystem) {
            system.close();
        } else {
            reset();
        }
    }
}
