package io.github.luaactor.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScriptException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The demo's flow over HTTP: events in through {@code POST /events}, statistics out of the window actors through
 * {@code GET /stats/{sensor}}, alerts raised through the Java {@code alerts} recipient. The generator is off and
 * the Lua scripts' clock ({@code now_ms()}, from the app's {@code LuaVmCustomizer}) is moved by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "demo.generator.enabled=false")
@AutoConfigureRestTestClient
class DemoFlowTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @Autowired
    RestTestClient client;

    @Autowired
    MutableClock clock;

    @Autowired
    LuaActorSystem actors;

    @Autowired
    AlertStore alerts;

    @Value("${spring.security.user.name}")
    String user;

    @Value("${spring.security.user.password}")
    String password;

    @BeforeEach
    void signIn() {
        // the demo's writes need its LUA_ADMIN user (DemoSecurity); DemoSecurityTests covers the refusals
        client = signedIn(client);
    }

    RestTestClient signedIn(RestTestClient anonymous) {
        return anonymous.mutate().defaultHeaders((headers) -> headers.setBasicAuth(user, password)).build();
    }

    @Test
    void eventsInStatsOutAlertRaised() {
        client.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
            .body(List.of(event("t-1", 10), event("t-1", 21), event("t-1", 30.5)))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.accepted").isEqualTo(3)
            .jsonPath("$.windows").isEqualTo(List.of("window-t-1", "window-t-1", "window-t-1"));

        // the router forwards with ctx.do_send, so the window may still be catching up
        await().untilAsserted(() -> assertThat(stats("t-1")).containsEntry("count", 3));
        assertThat(stats("t-1")).containsEntry("sensor", "t-1")
            .containsEntry("actor", "window-t-1")
            .containsEntry("mean", 20.5)
            .containsEntry("min", 10)
            .containsEntry("max", 30.5)
            .containsEntry("alerts", 0)
            .doesNotContainKey("last_alert");

        long before = alerts.total();
        post(event("t-1", 95.5));
        await().untilAsserted(() -> assertThat(stats("t-1")).containsEntry("alerts", 1));
        Object alertId = stats("t-1").get("last_alert");
        assertThat(alertId).asString().startsWith("alert-");
        assertThat(alerts.total()).isEqualTo(before + 1);
        client.get().uri("/alerts").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.latest[0].id").isEqualTo(alertId)
            .jsonPath("$.latest[0].sensor").isEqualTo("t-1")
            .jsonPath("$.latest[0].value").isEqualTo(95.5)
            .jsonPath("$.latest[0].threshold").isEqualTo(90.0)
            .jsonPath("$.latest[0].mean").isEqualTo(39.25);

        // still above: no second alert; back below re-arms; above again alerts again
        post(event("t-1", 97));
        post(event("t-1", 50));
        await().untilAsserted(() -> assertThat(stats("t-1")).containsEntry("count", 6));
        assertThat(stats("t-1")).containsEntry("alerts", 1);
        post(event("t-1", 120));
        await().untilAsserted(() -> assertThat(stats("t-1")).containsEntry("alerts", 2).containsEntry("max", 120));
        assertThat(stats("t-1").get("last_alert")).isNotEqualTo(alertId);
        assertThat(alerts.total()).isEqualTo(before + 2);
    }

    @Test
    void theWindowForgetsValuesOlderThanAMinute() {
        post(event("t-2", 1));
        post(event("t-2", 2));
        clock.advance(Duration.ofSeconds(30));
        post(event("t-2", 6));
        await().untilAsserted(() -> assertThat(stats("t-2")).containsEntry("count", 3).containsEntry("mean", 3));

        clock.advance(Duration.ofSeconds(31));   // the first two are now 61 s old, the last one 31 s
        assertThat(stats("t-2")).containsEntry("count", 1)
            .containsEntry("mean", 6)
            .containsEntry("min", 6)
            .containsEntry("max", 6);

        // the window ticks by itself (ctx.notify_later every 0.5 s): messages keep being processed without events
        LuaActorRef window = actors.actor("window-t-2").orElseThrow();
        long processed = window.statistics().processed();
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(window.statistics().processed()).isGreaterThanOrEqualTo(processed + 2));

        clock.advance(Duration.ofSeconds(30));
        await().untilAsserted(() -> assertThat(window.send(LuaMessage.from("stats")).get().toJava())
            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("count", 0L)
            .doesNotContainKeys("mean", "min", "max"));
    }

    @Test
    void eachSensorGetsItsOwnWindowActor() {
        post(event("t-3", 1));
        post(event("t-4", 2));
        await().untilAsserted(() -> assertThat(actors.actor("window-t-4")).isPresent());
        assertThat(actors.actor("window-t-3")).isPresent();

        @SuppressWarnings("unchecked")
        List<String> sensors = (List<String>) actors.actor("router").orElseThrow()
            .send(LuaMessage.from("sensors")).join().toJava();
        assertThat(sensors).contains("t-3", "t-4");

        await().untilAsserted(() -> client.get().uri("/stats").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$[?(@.sensor == 't-3')].count").isEqualTo(List.of(1))
            .jsonPath("$[?(@.sensor == 't-4')].count").isEqualTo(List.of(1)));
    }

    @Test
    void badEventsAreRefusedByTheRouterScript() {
        client.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("sensor", "no spaces please", "value", 1))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.error").isEqualTo("lua-error")
            .jsonPath("$.message").value(m -> assertThat(m).asString()
                .contains("router").contains("sensor must be a name").contains("no spaces please"));
        client.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("sensor", "t-5"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.message").value(m -> assertThat(m).asString().contains("value must be a number"));
        client.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
            .body("\"just a string\"")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.message").value(m -> assertThat(m).asString()
                .contains("router expects an event {sensor = <name>, value = <number>}, got a string"));
        assertThat(actors.actor("window-t-5")).isEmpty();
    }

    @Test
    void routerAndWindowsShareTheEventsModule() throws Exception {
        post(event("t-7", 12));
        await().untilAsserted(() -> assertThat(stats("t-7")).containsEntry("count", 1));
        // the window checks events with the same module, raising its verdict in window.lua
        LuaActorRef window = actors.actor("window-t-7").orElseThrow();
        assertThatThrownBy(() -> window.send(LuaMessage.from(Map.of("sensor", "t 7", "value", 1))).get())
            .hasCauseInstanceOf(LuaScriptException.class)
            .hasMessageContaining("'window-t-7', window.lua:")
            .hasMessageContaining("sensor must be a name");
        // both the router and the window required lua-modules/events.lua
        assertThat(actors.reloadModule("events")).isGreaterThanOrEqualTo(2);
        post(event("t-7", 14));
        await().untilAsserted(() -> assertThat(stats("t-7")).containsEntry("count", 2));
    }

    @Test
    void statsOfAnUnknownSensorIsNotFound() {
        client.get().uri("/stats/never-seen").exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.error").isEqualTo("unknown-sensor");
    }

    @Test
    void actuatorShowsTheActors() {
        post(event("t-6", 42));
        await().untilAsserted(() -> assertThat(actors.actor("window-t-6")).isPresent());

        client.get().uri("/actuator/health").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.luaActors.status").isEqualTo("UP")
            .jsonPath("$.components.luaActors.details.actors.router.state").isEqualTo("RUNNING")
            .jsonPath("$.components.luaActors.details.actors['window-t-6'].state").isEqualTo("RUNNING");
        client.get().uri("/actuator/luaactors").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.actors[?(@.name == 'router')].mailbox.capacity").isEqualTo(List.of(5000))
            .jsonPath("$.actors[?(@.name == 'window-t-6')].state").isEqualTo(List.of("RUNNING"));
        client.post().uri("/actuator/luaactors/window-t-6").contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("message", "stats"))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.reply.count").isEqualTo(1)
            .jsonPath("$.reply.mean").isEqualTo(42);
        client.get().uri("/actuator/metrics/lua.actor.messages.processed?tag=actor:router").exchange()
            .expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .value(text -> assertThat(text).contains("lua_actor_messages_processed_total{actor=\"router\"")
                .contains("lua_actor_mailbox_size{actor=\"window-t-6\""));
    }

    private Map<String, Object> stats(String sensor) {
        return client.get().uri("/stats/{sensor}", sensor).exchange()
            .expectStatus().isOk()
            .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult()
            .getResponseBody();
    }

    private void post(Map<String, Object> event) {
        client.post().uri("/events").contentType(MediaType.APPLICATION_JSON).body(event).exchange()
            .expectStatus().isOk();
    }

    private static Map<String, Object> event(String sensor, Object value) {
        return Map.of("sensor", sensor, "value", value);
    }

    /** {@code demo.max-sensors}: the router starts at most that many window actors. */
    @Nested
    @Import(Clocks.class)
    @TestPropertySource(properties = "demo.max-sensors=2")
    class WithASmallSensorCap {

        @Autowired
        RestTestClient capped;

        @Autowired
        LuaActorSystem cappedActors;

        @BeforeEach
        void signInCapped() {
            capped = signedIn(capped);
        }

        @Test
        void eventsFromASensorBeyondTheCapAreRefusedWhileKnownSensorsStillWork() {
            postTo(capped, event("c-1", 1));
            postTo(capped, event("c-2", 2));
            capped.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
                .body(event("c-3", 3))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("lua-error")
                .jsonPath("$.message").value(m -> assertThat(m).asString()
                    .contains("too many sensors: the demo follows at most 2, so c-3 is refused"));
            assertThat(cappedActors.actor("window-c-3")).isEmpty();
            postTo(capped, event("c-1", 5));
            await().untilAsserted(() -> assertThat(cappedActors.actor("window-c-1").orElseThrow()
                .send(LuaMessage.from("stats")).get().toJava()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("count", 2L));
        }

        private static void postTo(RestTestClient client, Map<String, Object> event) {
            client.post().uri("/events").contentType(MediaType.APPLICATION_JSON).body(event).exchange()
                .expectStatus().isOk();
        }
    }
}
