package io.github.luaactor.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateWriteMode;
import io.github.luaactor.state.jdbc.JdbcLuaStateStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable state (docs/state.md, "Cost"): one producer sends {@value #MESSAGES} fire-and-forget messages into one
 * actor running {@link Scripts#ADD_TO_STATE}, then asks once and waits; score: messages per second. {@code memory}
 * keeps {@code ctx.state} in the VM (the baseline); {@code after-each-message} saves it to PostgreSQL after every
 * message; {@code write-behind} at most every 100 ms.
 * <p>
 * Not a "…Bench" class, so a full run leaves it out: it needs a PostgreSQL server. Run it with
 * {@code -include DurableStateWorkload} and {@code LUA_ACTOR_BENCH_POSTGRES_URL} (plus {@code _USER},
 * {@code _PASSWORD}) naming a database where it may create and empty {@code lua_actor_state}; without the URL the
 * durable parameters fail their set-up with that message and {@code memory} still runs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DurableStateWorkload {
    static final int MESSAGES = 20_000;
    static final String URL = "LUA_ACTOR_BENCH_POSTGRES_URL";

    @State(Scope.Benchmark)
    public static class Actor {
        @Param({"memory", "after-each-message", "write-behind"})
        public String mode;

        HikariDataSource dataSource;
        LuaActorSystem system;
        LuaActorRef actor;
        final LuaMessage one = LuaMessage.from(1);

        @Setup(Level.Trial)
        public void setup() throws Exception {
            system = LuaActorSystem.create();
            StateSettings state = StateSettings.NONE;
            if (!"memory".equals(mode)) {
                String url = System.getenv(URL);
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("DurableStateWorkload (" + mode + ") needs " + URL
                            + ", e.g. jdbc:postgresql://127.0.0.1:5432/bench; skipped");
                }
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                config.setUsername(System.getenv().getOrDefault(URL.replace("_URL", "_USER"), "postgres"));
                config.setPassword(System.getenv().getOrDefault(URL.replace("_URL", "_PASSWORD"), ""));
                config.setMaximumPoolSize(2);
                dataSource = new HikariDataSource(config);
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS lua_actor_state (name VARCHAR(255) NOT NULL PRIMARY KEY, "
                            + "revision BIGINT NOT NULL, bytes BYTEA NOT NULL, "
                            + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                    s.execute("DELETE FROM lua_actor_state WHERE name = 'bench-counter'");
                }
                state = StateSettings.durable(new JdbcLuaStateStore(dataSource));
                if ("write-behind".equals(mode)) {
                    state = state.withWriteMode(StateWriteMode.WRITE_BEHIND).withWriteInterval(Duration.ofMillis(100));
                }
            }
            actor = LuaActorBuilder.create().name("bench-counter").onHandle(Scripts.ADD_TO_STATE).mailboxCapacity(0)
                    .state(state).start(system);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            system.close();
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public LuaMessage tell(Actor a) throws Exception {
        for (int i = 0; i < MESSAGES - 1; i++) {
            a.actor.doSend(a.one);
        }
        return a.actor.send(a.one).get(10, TimeUnit.MINUTES);
    }
}
