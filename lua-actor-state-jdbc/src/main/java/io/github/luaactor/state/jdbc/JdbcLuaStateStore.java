package io.github.luaactor.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;

/**
 * Actor state in a SQL table over plain JDBC (no Spring): one row per actor, an optimistic revision check on every
 * save. The table is created by the schema scripts next to this class (docs/state.md), never by the store itself.
 * Each call takes a connection from the {@link DataSource} in auto-commit mode and returns it at once.
 */
public final class JdbcLuaStateStore implements LuaStateStore {
    private final DataSource dataSource;
    private final StateTable table;
    private final Clock clock;

    public JdbcLuaStateStore(DataSource dataSource) {
        this(dataSource, StateTable.DEFAULT, Clock.systemUTC());
    }

    public JdbcLuaStateStore(DataSource dataSource, String tableName, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = new StateTable(tableName);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public Optional<StateSnapshot> load(String actor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(table.select())) {
            s.setString(1, actor);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StateSnapshot(rs.getLong(1), rs.getBytes(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw failure(actor, "load", e);
        }
    }

    @Override
    public long save(String actor, byte[] state, long expectedRevision) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            if (expectedRevision == 0) {
                try (PreparedStatement s = c.prepareStatement(table.insert())) {
                    s.setString(1, actor);
                    s.setBytes(2, state);
                    s.setObject(3, now);
                    s.executeUpdate();
                    return 1;
                } catch (SQLException e) {
                    if (isDuplicateKey(e)) {
                        throw new StateConflictException(actor, 0, currentRevision(c, actor));
                    }
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement(table.update())) {
                s.setLong(1, expectedRevision + 1);
                s.setBytes(2, state);
                s.setObject(3, now);
                s.setString(4, actor);
                s.setLong(5, expectedRevision);
                if (s.executeUpdate() == 0) {
                    throw new StateConflictException(actor, expectedRevision, currentRevision(c, actor));
                }
                return expectedRevision + 1;
            }
        } catch (SQLException e) {
            throw failure(actor, "save", e);
        }
    }

    @Override
    public void delete(String actor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(table.delete())) {
            s.setString(1, actor);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(actor, "delete", e);
        }
    }

    private long currentRevision(Connection c, String actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(table.selectRevision())) {
            s.setString(1, actor);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** SQLSTATE class 23 is an integrity constraint violation: here, the primary key of a row saved meanwhile. */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private StateStoreException failure(String actor, String operation, SQLException e) {
        return new StateStoreException(actor, "Lua actor '" + actor + "': could not " + operation + " its state in "
                + table.name() + ": " + e.getMessage() + hint(e.getSQLState()), e);
    }

    /** SQLSTATE class 42 covers a missing table: the schema script was not applied. */
    static String hint(String sqlState) {
        return sqlState != null && sqlState.startsWith("42")
                ? " (was the schema script applied? see docs/state.md, \"Schema\")" : "";
    }
}
