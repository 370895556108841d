package io.github.luaactor.state.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database of the integration tests: the PostgreSQL server that {@code LUA_ACTOR_TEST_POSTGRES_URL} names
 * ({@code .ci/run} starts one), otherwise an in-memory H2. On CI ({@code CI=true}) PostgreSQL is required.
 */
final class TestDatabase {
    static final String URL = "LUA_ACTOR_TEST_POSTGRES_URL";
    static final String USER = "LUA_ACTOR_TEST_POSTGRES_USER";
    static final String PASSWORD = "LUA_ACTOR_TEST_POSTGRES_PASSWORD";
    /** Shell commands that stop and start the test server; set only when the tests own it. */
    static final String STOP = "LUA_ACTOR_TEST_POSTGRES_STOP";
    static final String START = "LUA_ACTOR_TEST_POSTGRES_START";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static volatile boolean announced;

    final String url;
    final String user;
    final String password;
    final boolean postgres;

    private TestDatabase(String url, String user, String password, boolean postgres) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.postgres = postgres;
    }

    static TestDatabase get() {
        String url = System.getenv(URL);
        TestDatabase db;
        if (url != null && !url.isBlank()) {
            db = new TestDatabase(url, env(USER, "postgres"), env(PASSWORD, ""), true);
        } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + URL + " is not set: the state tests must run against "
                    + "PostgreSQL on CI (.ci/run starts one)");
        } else {
            db = new TestDatabase("jdbc:h2:mem:lua-actor-state;DB_CLOSE_DELAY=-1", "sa", "", false);
        }
        if (!announced) {
            announced = true;
            LOG.info("Durable state tests run against {} ({})", db.postgres ? "PostgreSQL" : "H2 (in memory)",
                    db.postgres ? db.url : "set " + URL + " to use PostgreSQL");
        }
        return db;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    DataSource dataSource() {
        return new DriverManagerDataSource(url, user, password);
    }

    String schemaLocation() {
        return "classpath:io/github/luaactor/state/jdbc/schema-" + (postgres ? "postgresql" : "h2") + ".sql";
    }

    /** Applies the documented schema script and empties the table. */
    DataSource prepared() {
        DataSource dataSource = dataSource();
        String script = "/io/github/luaactor/state/jdbc/schema-" + (postgres ? "postgresql" : "h2") + ".sql";
        try (InputStream in = TestDatabase.class.getResourceAsStream(script);
                Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            s.execute("DELETE FROM lua_actor_state");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not prepare the test database " + url, e);
        }
        return dataSource;
    }
}
