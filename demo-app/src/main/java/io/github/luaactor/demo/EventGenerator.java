package io.github.luaactor.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Simulated sensors: a random walk per sensor with a rare spike above the alert threshold, sent to the
 * {@code router} actor at {@code demo.generator.rate} events per second. Off with
 * {@code demo.generator.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "demo.generator.enabled", matchIfMissing = true)
class EventGenerator implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(EventGenerator.class);

    private static final long TICK_MILLIS = 100;

    private final LuaActorRef router;

    private final DemoProperties.Generator settings;

    private final double threshold;

    private final double[] baselines;

    private final double[] levels;

    private final AtomicLong sent = new AtomicLong();

    private final AtomicLong dropped = new AtomicLong();

    private ScheduledExecutorService timer;

    private double owed;

    private int next;

    EventGenerator(@Qualifier("router") LuaActorRef router, DemoProperties properties) {
        this.router = router;
        this.settings = properties.generator();
        this.threshold = properties.alertThreshold();
        this.baselines = new double[Math.max(1, settings.sensors())];
        for (int i = 0; i < baselines.length; i++) {
            baselines[i] = 20 + 40.0 * i / baselines.length;
        }
        this.levels = baselines.clone();
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("demo-generator").daemon().factory());
        timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        logger.info("Generating " + settings.rate() + " events/s for " + levels.length
                + " sensors (demo.generator.enabled=false turns this off)");
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** After the actors start, before they stop. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1024;
    }

    long sent() {
        return sent.get();
    }

    private void tick() {
        owed += settings.rate() * TICK_MILLIS / 1000.0;
        while (owed >= 1) {
            owed -= 1;
            try {
                router.doSend(nextEvent());
                sent.incrementAndGet();
            }
            catch (LuaActorException ex) {
                // a full mailbox (or stopping actors): this is what back-pressure looks like on the dashboard
                if (dropped.incrementAndGet() % 1000 == 1) {
                    logger.warn("Generator dropped an event: " + ex.getMessage());
                }
            }
        }
    }

    private LuaMessage nextEvent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int sensor = next;
        next = (next + 1) % levels.length;
        // a random walk pulled back towards the sensor's baseline, and now and then a spike over the threshold
        double level = levels[sensor] + 0.05 * (baselines[sensor] - levels[sensor]) + random.nextGaussian() * 1.5;
        levels[sensor] = Math.max(0, Math.min(threshold - 5, level));
        double value = random.nextInt(300) == 0 ? threshold + 5 + random.nextDouble(20) : levels[sensor];
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("sensor", "s-" + (sensor + 1));
        event.put("value", Math.round(value * 10) / 10.0);
        return LuaMessage.from(event);
    }
}
