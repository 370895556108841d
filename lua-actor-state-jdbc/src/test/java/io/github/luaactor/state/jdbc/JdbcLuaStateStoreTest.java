package io.github.luaactor.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import javax.sql.DataSource;

import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

class JdbcLuaStateStoreTest {

    static Stream<LuaStateStore> stores() {
        DataSource dataSource = TestDatabase.get().prepared();
        return Stream.of(new JdbcLuaStateStore(dataSource), new JdbcClientLuaStateStore(JdbcClient.create(dataSource)));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void savesLoadsAndChecksRevisions(LuaStateStore store) {
        // Both stores share the table: each uses its own actor.
        String a = "a-" + store.getClass().getSimpleName();
        assertThat(store.load(a)).isEmpty();
        byte[] bytes = new byte[70_000];
        bytes[0] = (byte) 0xff;
        bytes[69_999] = 7;
        assertThat(store.save(a, bytes, 0)).isEqualTo(1);
        assertThat(store.save(a, new byte[] {1, 2}, 1)).isEqualTo(2);
        StateSnapshot snapshot = store.load(a).orElseThrow();
        assertThat(snapshot.revision()).isEqualTo(2);
        assertThat(snapshot.bytes()).containsExactly(1, 2);
        assertThatThrownBy(() -> store.save(a, new byte[] {3}, 1)).isInstanceOf(StateConflictException.class)
            .hasMessageContaining("revision 2").hasMessageContaining("last saw revision 1");
        assertThatThrownBy(() -> store.save(a, new byte[] {3}, 0)).isInstanceOf(StateConflictException.class);
        store.delete(a);
        assertThat(store.load(a)).isEmpty();
        assertThatThrownBy(() -> store.save(a, new byte[] {3}, 2)).isInstanceOf(StateConflictException.class)
            .hasMessageContaining("revision 0");
        assertThat(store.save(a, bytes, 0)).isEqualTo(1);
        assertThat(store.load(a).orElseThrow().bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aMissingTableIsAClearError(LuaStateStore ignored) {
        DataSource dataSource = TestDatabase.get().dataSource();
        LuaStateStore store = new JdbcLuaStateStore(dataSource, "no_such_table", java.time.Clock.systemUTC());
        assertThatThrownBy(() -> store.load("x")).isInstanceOf(StateStoreException.class)
            .hasMessageContaining("Lua actor 'x': could not load its state in no_such_table")
            .hasMessageContaining("docs/state.md");
    }
}
