package io.github.luaactor.state.jdbc;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Actor state in a SQL table through Spring's {@link JdbcClient}: the same table and revision checks as
 * {@link JdbcLuaStateStore}, with the application's {@code DataSource}, exception translation and (when a save runs
 * inside one) transaction. What the auto-configuration creates in a Spring Boot application.
 */
public final class JdbcClientLuaStateStore implements LuaStateStore {
    private final JdbcClient jdbc;
    private final StateTable table;
    private final Clock clock;

    public JdbcClientLuaStateStore(JdbcClient jdbc) {
        this(jdbc, StateTable.DEFAULT, Clock.systemUTC());
    }

    public JdbcClientLuaStateStore(JdbcClient jdbc, String tableName, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.table = new StateTable(tableName);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public Optional<StateSnapshot> load(String actor) {
        try {
            return jdbc.sql(table.select()).param(actor)
                .query((rs, row) -> new StateSnapshot(rs.getLong(1), rs.getBytes(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
        } catch (DataAccessException e) {
            throw failure(actor, "load", e);
        }
    }

    @Override
    public long save(String actor, byte[] state, long expectedRevision) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            if (expectedRevision == 0) {
                try {
                    jdbc.sql(table.insert()).param(actor).param(state).param(now).update();
                    return 1;
                } catch (DuplicateKeyException e) {
                    throw new StateConflictException(actor, 0, currentRevision(actor));
                }
            }
            int updated = jdbc.sql(table.update()).param(expectedRevision + 1).param(state).param(now).param(actor)
                .param(expectedRevision).update();
            if (updated == 0) {
                throw new StateConflictException(actor, expectedRevision, currentRevision(actor));
            }
            return expectedRevision + 1;
        } catch (DataAccessException e) {
            throw failure(actor, "save", e);
        }
    }

    @Override
    public void delete(String actor) {
        try {
            jdbc.sql(table.delete()).param(actor).update();
        } catch (DataAccessException e) {
            throw failure(actor, "delete", e);
        }
    }

    private long currentRevision(String actor) {
        return jdbc.sql(table.selectRevision()).param(actor).query(Long.class).optional().orElse(0L);
    }

    private StateStoreException failure(String actor, String operation, DataAccessException e) {
        return new StateStoreException(actor, "Lua actor '" + actor + "': could not " + operation + " its state in "
                + table.name() + ": " + e.getMostSpecificCause().getMessage()
                + JdbcLuaStateStore.hint(e.getMostSpecificCause() instanceof java.sql.SQLException sql
                        ? sql.getSQLState() : null), e);
    }
}
