package io.github.luaactor.cluster.hazelcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three members in JVMs of their own on 127.0.0.1, and this JVM as a lite member (it holds no partitions, so every
 * cluster actor lives in a child process). The owner of an actor is killed with SIGKILL under load.
 */
class SeparateJvmClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final String clusterName = "lua-jvm-test-" + UUID.randomUUID();
    private final Map<UUID, Process> processes = new ConcurrentHashMap<>();
    private final List<Process> started = new ArrayList<>();
    private HazelcastInstance lite;
    private HazelcastActorCluster caller;

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
            caller.system().close();
        }
        if (lite != null) {
            lite.getLifecycleService().terminate();
        }
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void killingTheOwnerProcessKeepsCommittedStateAndAnswersEveryCaller() throws Exception {
        List<Integer> ports = freePorts(4);
        List<Integer> memberPorts = ports.subList(0, 3);
        for (int port : memberPorts) {
            spawn(port, ports);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> processes.size() == 3);
        lite = Hazelcast.newHazelcastInstance(MemberProcessMain.config(clusterName, ports.get(3), ports, true));
        caller = HazelcastActorCluster.start(lite, LuaActorSystem.builder(), TestCluster.catalog(),
                ClusterSettings.defaults().withAskTimeout(Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(60)).until(() -> lite.getCluster().getMembers().size() == 4
                && lite.getPartitionService().isClusterSafe());

        String actor = "counter/jvm";
        for (int i = 1; i <= 10; i++) {
            assertThat(caller.ref(actor).call(LuaMessage.from("inc"), TIMEOUT)).isEqualTo(LuaMessage.from(i));
        }
        Process owner = processes.get(caller.ownerOf(actor).getUuid());
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(caller.ref(actor).send(LuaMessage.from("inc")));
            if (i == 50) {
                owner.destroyForcibly();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> replies.stream().allMatch(CompletableFuture::isDone));
        long highest = 10;
        List<Long> values = new ArrayList<>();
        for (CompletableFuture<LuaMessage> reply : replies) {
            try {
                long value = (Long) reply.join().toJava();
                values.add(value);
                highest = Math.max(highest, value);
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOfAny(ActorUnavailableException.class, TimeoutException.class,
                        LuaActorException.class);
            }
        }
        assertThat(values).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(60)).until(() -> lite.getCluster().getMembers().size() == 3
                && lite.getPartitionService().isClusterSafe());
        long now = (Long) caller.ref(actor).call(LuaMessage.from("get"), TIMEOUT).toJava();
        assertThat(now).isBetween(highest, 110L);
        assertThat(processes.get(caller.ownerOf(actor).getUuid())).isNotSameAs(owner);
    }

    private void spawn(int port, List<Integer> ports) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MemberProcessMain.class.getName(), clusterName, String.valueOf(port)));
        ports.forEach(p -> command.add(String.valueOf(p)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        Thread.ofVirtual().start(() -> readOutput(process));
    }

    /** Waits for the READY line, then keeps draining the output so the child never blocks on a full pipe. */
    private void readOutput(Process process) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    processes.put(UUID.fromString(line.substring(6).trim()), process);
                }
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
