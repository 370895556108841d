package io.github.luaactor.micrometer;

import java.lang.management.ManagementFactory;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorSystem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The per-message path of the metrics (the actor's probe) allocates nothing. */
class LuaActorMetricsAllocationTest {
    private static final int CALLS = 200_000;

    @Test
    void theProbeDoesNotAllocateWithASimpleRegistry() {
        assertThat(bytesAllocatedPerCall(new SimpleMeterRegistry())).isZero();
    }

    @Test
    void theProbeDoesNotAllocateWithAPrometheusRegistry() {
        assertThat(bytesAllocatedPerCall(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))).isZero();
    }

    private static long bytesAllocatedPerCall(MeterRegistry registry) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        LuaActorMetrics metrics = new LuaActorMetrics();
        metrics.bindTo(registry);
        try (LuaActorSystem system = LuaActorSystem.builder().monitor(metrics).build()) {
            LuaActorMonitor.Probe probe = metrics.actorStarted(
                    LuaActorBuilder.create().name("probed").onHandle("return 1").start(system));
            long thread = Thread.currentThread().threadId();
            for (int i = 0; i < CALLS; i++) { // warm up: let the JIT compile the path
                probe.handled(i, i, (i & 1) == 0);
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < CALLS; i++) {
                probe.handled(i, i, (i & 1) == 0);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            // a few hundred bytes of noise (e.g. a rotated max window) are not a per-call cost
            return allocated / CALLS;
        }
    }
}
