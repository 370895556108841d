package io.github.luaactor.spring.boot.actuate;

import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
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

/**
 * Actuator set up as docs/observability.md suggests: the endpoint with its default (read-only) access at a remapped
 * path, and {@code MAILBOX_WARNING} mapped to a status that degrades the application's health.
 */
@SpringBootTest(classes = LuaActorsActuatorSettingsIntegrationTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lua-actor.scripts=classpath*:actuate-it/*.lua",
                "lua-actor.actors.sleeper.mailbox-capacity=2",
                "management.endpoints.web.exposure.include=health,luaactors",
                "management.endpoints.web.path-mapping.luaactors=actors",
                "management.endpoint.health.status.order=down,out-of-service,mailbox-warning,up,unknown",
                "management.endpoint.health.status.http-mapping.mailbox-warning=503" })
@AutoConfigureRestTestClient
class LuaActorsActuatorSettingsIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    @Qualifier("greeter")
    LuaActorRef greeter;

    @Autowired
    @Qualifier("sleeper")
    LuaActorRef sleeper;

    @Test
    void readsAreAllowedAtTheRemappedPath() {
        client.get().uri("/actuator/actors/greeter").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("greeter");
    }

    @Test
    void writesAreRefusedUnlessAccessIsUnrestricted() {
        client.post().uri("/actuator/actors/greeter").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", "x")).exchange()
                .expectStatus().is4xxClientError();
        client.post().uri("/actuator/actors/greeter/reload").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("source", "return 'hacked'")).exchange()
                .expectStatus().is4xxClientError();

        assertThat(greeter.statistics().received()).isZero();
    }

    @Test
    void aMappedMailboxWarningDegradesTheApplicationHealth() {
        // the sleeper's pause lasts until it is released
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();

        Runnable release = Gates.pause(sleeper);
        sleeper.doSend(io.github.luaactor.core.LuaMessage.from(1));
        sleeper.doSend(io.github.luaactor.core.LuaMessage.from(2));

        client.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("MAILBOX_WARNING");
        // once the pause ends and the mailbox drains, the application is healthy again
        release.run();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP"));
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
