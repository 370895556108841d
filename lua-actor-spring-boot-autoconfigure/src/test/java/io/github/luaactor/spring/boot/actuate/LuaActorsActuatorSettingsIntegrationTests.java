package io.github.luaactor.spring.boot.actuate;

import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint with Actuator's default access for it (read-only) and a remapped path. */
@SpringBootTest(classes = LuaActorsEndpointAccessIntegrationTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lua-actor.scripts=classpath*:actuate-it/greeter.lua",
                "management.endpoints.web.exposure.include=luaactors",
                "management.endpoints.web.path-mapping.luaactors=actors" })
@AutoConfigureRestTestClient
class LuaActorsEndpointAccessIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    @Qualifier("greeter")
    LuaActorRef greeter;

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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
