package io.github.luaactor.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curl commands of docs/getting-started.md, read from the doc and sent in order to the demo (on a random port
 * instead of 8080), all succeed and show what their comments promise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.generator.enabled=false")
@AutoConfigureRestTestClient
class GettingStartedCurlTests {

    private static final Pattern CURL = Pattern.compile(
            "^curl(?: -u (?<user>[^:\\s]+):(?<password>\\S+))?(?: -H '(?<header>[^']*)')?(?: -d '(?<body>[^']*)')?"
                    + " localhost:8080(?<path>\\S+)\\s*(?:#.*)?$");

    @Autowired
    RestTestClient client;

    @Test
    void theCurlCommandsWorkAgainstTheDemo() throws IOException {
        String doc = Files.readString(GettingStartedDocTests.ROOT.resolve("docs/getting-started.md"));
        List<String> commands = new ArrayList<>();
        Matcher block = Pattern.compile("```bash\\n(curl .*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("the curl block of getting-started.md").isTrue();
        block.group(1).lines().filter(line -> !line.isBlank()).forEach(commands::add);
        assertThat(commands).hasSizeGreaterThanOrEqualTo(5);

        for (String command : commands) {
            Matcher curl = CURL.matcher(command);
            assertThat(curl.matches()).as("a curl command this test understands: %s", command).isTrue();
            RestTestClient.ResponseSpec response;
            if (curl.group("body") != null) {
                String[] header = curl.group("header").split(":\\s*", 2);
                RestTestClient.RequestBodySpec post = client.post().uri(curl.group("path")).header(header[0], header[1]);
                if (curl.group("user") != null) {
                    post = post.headers((h) -> h.setBasicAuth(curl.group("user"), curl.group("password")));
                }
                response = post.body(curl.group("body")).exchange();
            }
            else {
                response = client.get().uri(curl.group("path")).header(HttpHeaders.ACCEPT, "application/json")
                        .exchange();
            }
            response.expectStatus().is2xxSuccessful();
            if (curl.group("path").equals("/actuator/health")) {
                client.get().uri("/actuator/health").exchange().expectBody()
                        .jsonPath("$.components.luaActors.status").isEqualTo("UP");
            }
        }
        // the doc's credentials are the demo's: the POST above was let in, and without them it is not
        client.post().uri("/events").header(HttpHeaders.CONTENT_TYPE, "application/json")
                .body("{\"sensor\": \"s-43\", \"value\": 1}").exchange().expectStatus().isUnauthorized();
        // the event posted above is in its sensor's statistics
        client.get().uri("/stats/s-42").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.count").isEqualTo(1);
    }
}
