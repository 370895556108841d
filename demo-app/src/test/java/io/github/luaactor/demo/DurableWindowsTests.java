package io.github.luaactor.demo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorStateSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sensor windows keep their values in the state store: a restarted demo goes on from them. */
class DurableWindowsTests {

    private final String database = "jdbc:h2:mem:durable-windows-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private ConfigurableApplicationContext start() {
        // As in application.yml (the other tests keep ctx.state in the VMs: see test resources).
        return new SpringApplicationBuilder(DemoApplication.class).run("--server.port=0",
                "--demo.generator.enabled=false", "--spring.datasource.url=" + this.database,
                "--lua-actor.defaults.state.store=jdbc");
    }

    @Test
    void aRestartedDemoKeepsItsSensorWindows() {
        try (ConfigurableApplicationContext first = start()) {
            LuaActorSystem actors = first.getBean(LuaActorSystem.class);
            assertThat(first.getBean(LuaActorStateSettings.class).defaults().store().kind()).isEqualTo("jdbc");
            send(actors, "router", Map.of("sensor", "d-1", "value", 10));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stats(actors, "d-1"))
                .containsEntry("count", 1L));
        }
        // The graceful stop saved what write-behind had not yet.
        try (ConfigurableApplicationContext second = start()) {
            LuaActorSystem actors = second.getBean(LuaActorSystem.class);
            send(actors, "router", Map.of("sensor", "d-1", "value", 20));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stats(actors, "d-1"))
                .containsEntry("count", 2L)
                .containsEntry("mean", 15L));
        }
    }

    private static Object send(LuaActorSystem actors, String actor, Object message) {
        try {
            return actors.actor(actor).orElseThrow().send(LuaMessage.from(message)).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats(LuaActorSystem actors, String sensor) {
        LuaActorRef window = actors.actor("window-" + sensor).orElseThrow();
        try {
            return (Map<String, Object>) window.send(LuaMessage.from("stats")).get(30, TimeUnit.SECONDS).toJava();
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
