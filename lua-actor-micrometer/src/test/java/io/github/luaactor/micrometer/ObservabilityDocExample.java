package io.github.luaactor.micrometer;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** docs/observability.md (metrics without Spring) copies {@link #meteredWithoutSpring}; LuaActorMetricsTest runs it. */
final class ObservabilityDocExample {

    private ObservabilityDocExample() {
    }

    static double meteredWithoutSpring(MeterRegistry registry) throws Exception {
        LuaActorMetrics metrics = new LuaActorMetrics(Tags.of("app", "billing"), 16);
        try (LuaActorSystem system = LuaActorSystem.builder().monitor(metrics).build()) {
            metrics.bindTo(registry);   // any MeterRegistry; actors started before get their meters now
            LuaActorRef echo = LuaActorBuilder.create().name("echo").onHandle("return ctx.msg").start(system);
            echo.send(LuaMessage.from("hi")).get();
            return registry.get("lua.actor.messages.processed").tag("actor", "echo").tag("outcome", "success")
                .functionCounter().count();   // 1.0
        }
    }

}
