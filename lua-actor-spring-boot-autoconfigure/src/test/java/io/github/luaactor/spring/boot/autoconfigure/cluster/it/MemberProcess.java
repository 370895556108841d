package io.github.luaactor.spring.boot.autoconfigure.cluster.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link ClusterMemberApplication} process and how the test talks to it: its {@code luaactors} endpoint over
 * HTTP on 127.0.0.1. Its output goes to a file under {@code target/cluster-it}, so the child never blocks on a pipe.
 */
final class MemberProcess {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String label;

    private final int httpPort;

    private final int hazelcastPort;

    private final Process process;

    private final HttpClient http;

    private MemberProcess(String label, int httpPort, int hazelcastPort, Process process, HttpClient http) {
        this.label = label;
        this.httpPort = httpPort;
        this.hazelcastPort = hazelcastPort;
        this.process = process;
        this.http = http;
    }

    static MemberProcess start(String label, String clusterName, int httpPort, int hazelcastPort,
            List<Integer> memberPorts, HttpClient http) throws IOException {
        StringBuilder members = new StringBuilder();
        for (int port : memberPorts) {
            members.append(members.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("java.class.path"), ClusterMemberApplication.class.getName(),
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--lua-actor.scripts=classpath:cluster-test/*.lua",
                "--lua-actor.shutdown.timeout=5s",
                "--lua-actor.cluster.enabled=true",
                "--lua-actor.cluster.cluster-name=" + clusterName,
                "--lua-actor.cluster.port=" + hazelcastPort,
                "--lua-actor.cluster.members=" + members,
                "--lua-actor.cluster.ask-timeout=20s",
                "--lua-actor.cluster.hazelcast-properties.hazelcast.partition.count=31",
                // A killed process closes its sockets at once; these bound detection if a connection lingers.
                "--lua-actor.cluster.hazelcast-properties.hazelcast.max.no.heartbeat.seconds=10",
                "--lua-actor.cluster.hazelcast-properties.hazelcast.heartbeat.interval.seconds=1",
                // SIGTERM closes the Spring context, which shuts Hazelcast down gracefully (partitions handed over);
                // Hazelcast's own hook would terminate it first.
                "--lua-actor.cluster.hazelcast-properties.hazelcast.shutdownhook.enabled=false",
                "--management.endpoints.web.exposure.include=health,luaactors",
                "--management.endpoint.health.show-details=always",
                "--management.endpoint.luaactors.access=unrestricted"));
        Path log = Path.of("target", "cluster-it", clusterName, label + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new MemberProcess(label, httpPort, hazelcastPort, process, http);
    }

    String label() {
        return this.label;
    }

    int hazelcastPort() {
        return this.hazelcastPort;
    }

    /** {@code 127.0.0.1:port}, as the cluster entry names members. */
    String address() {
        return "127.0.0.1:" + this.hazelcastPort;
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /** SIGKILL: no shutdown of any kind. */
    void kill() {
        this.process.destroyForcibly();
    }

    /** SIGTERM: Spring Boot's graceful shutdown; waits until the process has ended. */
    void stop() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
    }

    /** The {@code cluster} entry of {@code GET /actuator/luaactors}, or null when the member does not answer. */
    JsonNode cluster() {
        try {
            HttpResponse<String> response = this.http.send(request("").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return (response.statusCode() == 200) ? JSON.readTree(response.body()).get("cluster") : null;
        }
        catch (IOException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether this member sees {@code size} members and no migration is running. */
    boolean sees(int size) {
        JsonNode cluster = cluster();
        return cluster != null && cluster.get("members").size() == size && cluster.get("clusterSafe").asBoolean();
    }

    boolean hasActivation(String actor) {
        JsonNode cluster = cluster();
        if (cluster == null) {
            return false;
        }
        for (JsonNode name : cluster.get("localActivations")) {
            if (name.asString().equals(actor)) {
                return true;
            }
        }
        return false;
    }

    /** Sends through the endpoint; completes with the HTTP status and body, or exceptionally when the call fails. */
    CompletableFuture<Reply> send(String actor, String message) {
        String body = JSON.writeValueAsString(Map.of("message", message));
        HttpRequest request = request("/" + actor).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .thenApply((response) -> new Reply(response.statusCode(), JSON.readTree(response.body())));
    }

    /** Sends and waits; fails unless the actor replied. */
    long call(String actor, String message) {
        Reply reply = send(actor, message).join();
        if (reply.status() != 200) {
            throw new AssertionError(this.label + ": " + actor + " did not reply to " + message + ": " + reply);
        }
        return reply.body().get("reply").asLong();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/luaactors" + path))
            .timeout(REQUEST_TIMEOUT);
    }

    @Override
    public String toString() {
        return this.label + "(" + address() + ")";
    }

    /** What the endpoint answered: 200 with {@code reply}, or an error status with the error body. */
    record Reply(int status, JsonNode body) {
    }

}
