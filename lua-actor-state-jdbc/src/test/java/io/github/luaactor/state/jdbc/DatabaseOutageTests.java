package io.github.luaactor.state.jdbc;

import static io.github.luaactor.state.jdbc.DurableStateSpringTests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateStoreException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while a durable actor runs: its messages fail with {@link StateStoreException} (never a
 * silent divergence) and succeed again, from the last saved state, once the database is back. Needs a PostgreSQL
 * server the test may stop and start ({@code .ci/run} provides one); skipped otherwise, except on CI.
 */
class DatabaseOutageTests {

    @Test
    void messagesFailClearlyWhileTheDatabaseIsDownAndRecoverWhenItReturns() throws Exception {
        String stop = System.getenv(TestDatabase.STOP);
        String start = System.getenv(TestDatabase.START);
        if (stop == null || start == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + TestDatabase.STOP + "/" + TestDatabase.START + " are not set (.ci/run sets them)");
            }
            Assumptions.abort("Skipped: needs a PostgreSQL server this test owns (" + TestDatabase.STOP + " and "
                    + TestDatabase.START + ", as .ci/run sets them)");
        }
        TestDatabase db = TestDatabase.get();
        db.prepared();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setUsername(db.user);
        config.setPassword(db.password);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1000);
        config.setInitializationFailTimeout(-1);
        String name = "outage_" + UUID.randomUUID().toString().replace("-", "");
        try (HikariDataSource dataSource = new HikariDataSource(config);
                LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef actor = LuaActorBuilder.create().name(name)
                .onHandle(DurableStateSpringTests.COUNTER)
                .state(StateSettings.durable(new JdbcLuaStateStore(dataSource)))
                .start(system);
            assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(1L));
            run(stop);
            try {
                Throwable failure = DurableStateSpringTests.failure(actor, 1);
                assertThat(failure).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("Lua actor '" + name + "': could not save its state");
                assertThat(DurableStateSpringTests.failure(actor, 1)).isInstanceOf(StateStoreException.class);
            } finally {
                run(start);
            }
            // The failed messages rolled back: the count goes on from the saved 1.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> actor.send(LuaMessage.from(1)).get(30, TimeUnit.SECONDS), LuaMessage.from(2L)::equals);
            assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(3L));
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + command + "' failed: " + output);
        }
    }
}
