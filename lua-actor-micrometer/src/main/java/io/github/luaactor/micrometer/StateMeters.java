package io.github.luaactor.micrometer;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The durable-state meters of one actor in one registry: {@code lua.actor.state.saves} (by {@code result}) and
 * {@code lua.actor.state.save.time}. Registered only for actors whose state is durable.
 */
final class StateMeters {
    static final StateMeters[] NONE = {};

    private final Counter saved;
    private final Counter failed;
    private final Timer time;

    private StateMeters(Counter saved, Counter failed, Timer time) {
        this.saved = saved;
        this.failed = failed;
        this.time = time;
    }

    static StateMeters register(MeterRegistry registry, Tags tags, String store) {
        Tags all = tags.and("store", store);
        Counter saved = Counter.builder("lua.actor.state.saves").description("Saves of ctx.state to the store")
                .tags(all).tag("result", "success").register(registry);
        Counter failed = Counter.builder("lua.actor.state.saves").description("Saves of ctx.state to the store")
                .tags(all).tag("result", "failure").register(registry);
        Timer time = Timer.builder("lua.actor.state.save.time")
                .description("Time to encode and save ctx.state, failed saves included").tags(all).register(registry);
        return new StateMeters(saved, failed, time);
    }

    void record(long nanos, boolean success) {
        (success ? saved : failed).increment();
        time.record(nanos, TimeUnit.NANOSECONDS);
    }

    List<Meter> meters() {
        return List.of(saved, failed, time);
    }
}
