package io.github.luaactor.demo;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * {@link DemoSecurity}: reads answer anyone; writes (the luaactors endpoint's operations, {@code POST /events}) need
 * HTTP Basic credentials of a user with the role LUA_ADMIN: none or a wrong password is 401, a user without the
 * role 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.generator.enabled=false")
@AutoConfigureRestTestClient
class DemoSecurityTests {

    @Autowired
    RestTestClient client;

    @Value("${spring.security.user.name}")
    String user;

    @Value("${spring.security.user.password}")
    String password;

    @Test
    void readsAreOpen() {
        for (String path : new String[] { "/", "/dashboard.js", "/stats", "/alerts", "/actuator/health",
                "/actuator/luaactors", "/actuator/luaactors/router", "/actuator/prometheus",
                "/actuator/metrics/lua.actor.messages.processed?tag=actor:router" }) {
            client.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void writesWithoutCredentialsAreUnauthorized() {
        sendToRouter(client).expectStatus().isUnauthorized();
        reloadRouter(client).expectStatus().isUnauthorized();
        postEvent(client, "sec-0").expectStatus().isUnauthorized();
        client.delete().uri("/actuator/luaactors/router").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        RestTestClient wrong = as(client, user, password + "-wrong");
        sendToRouter(wrong).expectStatus().isUnauthorized();
        postEvent(wrong, "sec-0").expectStatus().isUnauthorized();
    }

    @Test
    void theAdminMaySendFeedEventsAndReload() {
        RestTestClient admin = as(client, user, password);
        postEvent(admin, "sec-1").expectStatus().isOk();
        sendToRouter(admin).expectStatus().isOk().expectBody().jsonPath("$.reply").value(
                (sensors) -> org.assertj.core.api.Assertions.assertThat(sensors).asString().contains("sec-1"));
        await().untilAsserted(() -> client.get().uri("/actuator/luaactors/window-sec-1").exchange()
                .expectStatus().isOk());
        // a window of this test's own sensor: reloading it leaves the actors other tests use alone
        admin.post().uri("/actuator/luaactors/window-sec-1/reload").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("source", "return 'reloaded'")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.reloaded").isEqualTo(true);
    }

    @Test
    void theAdminCannotReloadASourceAboveTheLimit() {
        String huge = "return 1 --" + "x".repeat(300 * 1024);
        as(client, user, password).post().uri("/actuator/luaactors/router/reload")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("source", huge)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error").isEqualTo("source-too-large")
                .jsonPath("$.limit").isEqualTo(256 * 1024);
    }

    /** The same user, but with a role that is not LUA_ADMIN. */
    @Nested
    @TestPropertySource(properties = "spring.security.user.roles=VIEWER")
    class WithoutTheAdminRole {

        @Autowired
        RestTestClient viewerClient;

        @Test
        void writesAreForbiddenAndReadsStillOpen() {
            RestTestClient viewer = as(viewerClient, user, password);
            sendToRouter(viewer).expectStatus().isForbidden();
            reloadRouter(viewer).expectStatus().isForbidden();
            postEvent(viewer, "sec-2").expectStatus().isForbidden();
            viewer.get().uri("/actuator/luaactors").exchange().expectStatus().isOk();
        }
    }

    static RestTestClient as(RestTestClient anonymous, String user, String password) {
        return anonymous.mutate().defaultHeaders((headers) -> headers.setBasicAuth(user, password)).build();
    }

    private static RestTestClient.ResponseSpec sendToRouter(RestTestClient client) {
        return client.post().uri("/actuator/luaactors/router").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", "sensors")).exchange();
    }

    private static RestTestClient.ResponseSpec reloadRouter(RestTestClient client) {
        // never reached with the role: these requests are refused before the endpoint runs
        return client.post().uri("/actuator/luaactors/router/reload").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("source", "return 'pwned'")).exchange();
    }

    private static RestTestClient.ResponseSpec postEvent(RestTestClient client, String sensor) {
        return client.post().uri("/events").header(HttpHeaders.CONTENT_TYPE, "application/json")
                .body(Map.of("sensor", sensor, "value", 1)).exchange();
    }
}
