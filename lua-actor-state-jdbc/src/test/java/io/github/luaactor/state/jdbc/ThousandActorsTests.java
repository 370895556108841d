package io.github.luaactor.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.state.LuaStateCodec;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import org.junit.jupiter.api.Test;

/** 1,000 durable actors × 100 messages each, saved after every message: every count exact, in replies and rows. */
class ThousandActorsTests {

    @Test
    void aThousandActorsTimesAHundredMessagesKeepExactCounts() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.prepared();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url);
        config.setUsername(db.user);
        config.setPassword(db.password);
        config.setMaximumPoolSize(8);
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "_";
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            LuaStateStore store = new JdbcLuaStateStore(dataSource);
            try (LuaActorSystem system = LuaActorSystem.builder().defaultState(StateSettings.durable(store)).build()) {
                List<LuaActorRef> actors = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    actors.add(LuaActorBuilder.create().name(prefix + i).onHandle(DurableStateSpringTests.COUNTER)
                        .start(system));
                }
                for (int m = 0; m < 99; m++) {
                    for (LuaActorRef actor : actors) {
                        actor.doSend(LuaMessage.from(1));
                    }
                }
                List<CompletableFuture<LuaMessage>> last = new ArrayList<>();
                for (LuaActorRef actor : actors) {
                    last.add(actor.send(LuaMessage.from(1)));
                }
                for (CompletableFuture<LuaMessage> reply : last) {
                    assertThat(reply.get(120, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(100L));
                }
                assertThat(actors).allSatisfy((actor) -> assertThat(actor.statistics().failed()).isZero());
            }
            for (int i = 0; i < 1000; i++) {
                String name = prefix + i;
                byte[] bytes = store.load(name).orElseThrow().bytes();
                assertThat(LuaStateCodec.decode(name, bytes).get("n").toint()).as(name).isEqualTo(100);
                assertThat(store.load(name).orElseThrow().revision()).isEqualTo(100);
            }
        }
    }
}
