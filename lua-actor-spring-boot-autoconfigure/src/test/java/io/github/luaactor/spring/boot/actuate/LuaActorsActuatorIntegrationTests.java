package io.github.luaactor.spring.boot.actuate;

import java.time.Duration;
import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = LuaActorsActuatorIntegrationTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lua-actor.scripts=classpath*:actuate-it/*.lua",
                "lua-actor.actors.sleeper.mailbox-capacity=3",
                "lua-actor.actors.counted.handle=return ctx.msg",
                "lua-actor.actors.reloadable.handle=return 'v1 ' .. ctx.msg",
                "management.endpoints.web.exposure.include=health,metrics,prometheus,luaactors",
                "management.endpoint.health.show-details=always",
                "management.endpoint.luaactors.access=unrestricted" })
@AutoConfigureRestTestClient
class LuaActorsActuatorIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    @Qualifier("sleeper")
    LuaActorRef sleeper;

    @Autowired
    @Qualifier("greeter")
    LuaActorRef greeter;

    @Test
    void greeterMailboxSizeAtTheUrlTheDocsName() {
        String url = "/actuator/metrics/lua.actor.mailbox.size?tag=actor:greeter";
        // the greeter's pause lasts until it is released
        client.get().uri(url).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(0.0);
        long succeeded = greeter.statistics().succeeded();
        Runnable release = Gates.pause(greeter);
        greeter.doSend(LuaMessage.from("a"));
        greeter.doSend(LuaMessage.from("b"));

        client.get().uri(url).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("lua.actor.mailbox.size")
                .jsonPath("$.availableTags").isArray()
                .jsonPath("$.measurements[0].statistic").isEqualTo("VALUE")
                .jsonPath("$.measurements[0].value").isEqualTo(2.0);

        // the release ends the pause; then both queued messages are handled and the gauge falls to 0
        release.run();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> greeter.statistics().succeeded() == succeeded + 2);
        client.get().uri(url).exchange()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(0.0);
    }

    /** The curl example in docs/observability.md, sent as written, answers what the doc says it answers. */
    @Test
    void observabilityDocCurlExampleAnswersAsDocumented() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/observability.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern
                .compile("```bash\\n(curl -s -X POST .*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("the POST example in docs/observability.md").isTrue();
        String example = block.group(1);
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("localhost:8080(/\\S+)").matcher(example);
        java.util.regex.Matcher body = java.util.regex.Pattern.compile("-d '([^']*)'").matcher(example);
        java.util.regex.Matcher answer = java.util.regex.Pattern.compile("(?m)^# (\\{.*})$").matcher(example);
        assertThat(path.find() && body.find() && answer.find()).as(example).isTrue();
        assertThat(example).contains("-H 'Content-Type: application/json'");

        client.post().uri(path.group(1)).contentType(MediaType.APPLICATION_JSON).body(body.group(1)).exchange()
                .expectStatus().isOk()
                .expectBody().json(answer.group(1), org.springframework.test.json.JsonCompareMode.STRICT);
    }

    @Test
    void mailboxSizeMetricShowsAPausedMailbox() {
        // the sleeper's pause lasts until it is released
        client.get().uri("/actuator/metrics/lua.actor.mailbox.size?tag=actor:sleeper").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        Runnable release = Gates.pause(sleeper);
        for (int i = 0; i < 3; i++) {
            sleeper.doSend(LuaMessage.from(i));
        }

        client.get().uri("/actuator/metrics/lua.actor.mailbox.size?tag=actor:sleeper").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(3.0);
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.luaActors.status").isEqualTo("MAILBOX_WARNING")
                .jsonPath("$.components.luaActors.details.mailboxWarnings[0]").isEqualTo("sleeper")
                .jsonPath("$.components.luaActors.details.actors.sleeper.mailbox.size").isEqualTo(3);

        // when the release ends the pause, the three queued messages are handled
        release.run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.get()
                .uri("/actuator/metrics/lua.actor.messages.processed?tag=actor:sleeper&tag=outcome:success")
                .exchange().expectBody().jsonPath("$.measurements[0].value").isEqualTo(3.0));
        client.get().uri("/actuator/metrics/lua.actor.mailbox.size?tag=actor:sleeper").exchange()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(0.0);
        client.get().uri("/actuator/metrics/lua.actor.messages.processed?tag=actor:sleeper&tag=outcome:error")
                .exchange().expectBody().jsonPath("$.measurements[0].value").isEqualTo(1.0);
    }

    @Test
    void sendNThenProcessedIsN() {
        int n = 4;
        for (int i = 0; i < n; i++) {
            client.post().uri("/actuator/luaactors/counted").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("message", i)).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.reply").isEqualTo(i);
        }

        // "counted" receives messages from this test only
        client.get().uri("/actuator/metrics/lua.actor.messages.processed?tag=actor:counted&tag=outcome:success")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo((double) n);
        client.get().uri("/actuator/metrics/lua.actor.messages.received?tag=actor:counted").exchange()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo((double) n);
        await().untilAsserted(() -> client.get()
                .uri("/actuator/metrics/lua.actor.handle.duration?tag=actor:counted&tag=outcome:success")
                .exchange().expectBody().jsonPath("$.measurements[?(@.statistic == 'COUNT')].value")
                .isEqualTo(java.util.List.of((double) n)));
        String prometheus = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus)
                .contains("lua_actor_messages_processed_total{actor=\"counted\",outcome=\"success\"} " + n + ".0")
                .contains("lua_actor_messages_processed_total{actor=\"counted\",outcome=\"error\"} 0.0")
                .contains("lua_actor_messages_received_total{actor=\"counted\"} " + n + ".0")
                .contains("lua_actor_mailbox_size{actor=\"counted\"} 0.0")
                .contains("lua_actor_mailbox_capacity{actor=\"counted\"} 10000.0")
                .contains("lua_actor_messages_rejected_total{actor=\"counted\",reason=\"mailbox-full\"} 0.0")
                .contains("lua_actor_handle_duration_seconds_count{actor=\"counted\",outcome=\"success\"} " + n)
                .contains("lua_actor_mailbox_wait_seconds_count{actor=\"counted\"} " + n)
                .contains("lua_actor_suspended{actor=\"counted\"} 0.0")
                .contains("lua_actor_restarts_total{actor=\"counted\"} 0.0")
                .contains("lua_actors_active 5.0");
    }

    @Test
    void healthShowsTheLuaActorsComponent() {
        client.get().uri("/actuator/health/luaActors").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").value(String.class, s -> assertThat(s).isIn("UP", "MAILBOX_WARNING"))
                .jsonPath("$.details.actors.greeter.state").isEqualTo("RUNNING")
                .jsonPath("$.details.actors.greeter.mailbox.capacity").isEqualTo(10000)
                .jsonPath("$.details.mailboxWarningRatio").isEqualTo(0.9);
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.luaActors.details.actors.echo.state").isEqualTo("RUNNING");
    }

    @Test
    void listsAndDescribesActors() {
        client.get().uri("/actuator/luaactors").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.actors[*].name").value(names -> assertThat(names.toString())
                        .contains("counted", "echo", "greeter", "reloadable", "sleeper"))
                .jsonPath("$.actors[?(@.name == 'greeter')].script").value(s -> assertThat(s.toString())
                        .contains("greeter.lua"));
        client.get().uri("/actuator/luaactors/greeter").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("greeter")
                .jsonPath("$.state").isEqualTo("RUNNING")
                .jsonPath("$.mailbox.capacity").isEqualTo(10000)
                .jsonPath("$.rejected.mailbox-full").isEqualTo(0);
    }

    @Test
    void anUnknownActorIsNotFound() {
        client.get().uri("/actuator/luaactors/nobody").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("not-found")
                .jsonPath("$.message").value(String.class, v -> assertThat(v).contains("nobody"));
        client.post().uri("/actuator/luaactors/nobody").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", "x")).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("not-found");
    }

    @Test
    void aLuaErrorIsAClearJsonError() {
        client.post().uri("/actuator/luaactors/greeter").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", "boom")).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().value("Content-Type", type -> assertThat(type).contains("json"))
                .expectBody()
                .jsonPath("$.error").isEqualTo("lua-error")
                .jsonPath("$.actor").isEqualTo("greeter")
                .jsonPath("$.message").isEqualTo("kaboom")
                .jsonPath("$.chunk").value(String.class, v -> assertThat(v).contains("greeter.lua"))
                .jsonPath("$.line").isEqualTo(3)
                .jsonPath("$.trace").doesNotExist();
        client.get().uri("/actuator/luaactors/greeter").exchange()
                .expectBody().jsonPath("$.lastError.message")
                .value(String.class, v -> assertThat(v).contains("kaboom"));
    }

    @Test
    void jsonValuesArriveInLuaWithTheirTypes() {
        client.post().uri("/actuator/luaactors/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"message\": {\"n\": 41, \"list\": [\"a\", \"b\"]}}").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reply.kind").isEqualTo("table")
                .jsonPath("$.reply.n").isEqualTo(42)
                .jsonPath("$.reply.first").isEqualTo("a");
        client.post().uri("/actuator/luaactors/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"message\": 7}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reply[0]").isEqualTo("number").jsonPath("$.reply[1]").isEqualTo(7);
        client.post().uri("/actuator/luaactors/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"message\": [true, 2.5]}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reply.kind").isEqualTo("table");
        client.post().uri("/actuator/luaactors/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"message\": \"7\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reply[0]").isEqualTo("string").jsonPath("$.reply[1]").isEqualTo("7");
        client.post().uri("/actuator/luaactors/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"message\": 2.5}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reply[1]").isEqualTo(2.5);
    }

    @Test
    void reloadsAHandlerOverHttp() {
        client.post().uri("/actuator/luaactors/reloadable/reload").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("source", "return 'v2 ' .. ctx.msg")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reloaded").isEqualTo(true);
        client.post().uri("/actuator/luaactors/reloadable").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", "x")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.reply").isEqualTo("v2 x");

        client.post().uri("/actuator/luaactors/reloadable/reload").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("source", "return (")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("syntax-error")
                .jsonPath("$.message").exists();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /** hold(), with which the scripts' "pause" waits for the test (see {@link Gates}). */
        @Bean
        LuaVmCustomizer holdCustomizer() {
            return Gates.customizer();
        }

    }
}
