package io.github.luaactor.micrometer;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateMetricsTest {

    @Test
    void countsAndTimesSavesAndFailuresOfDurableActorsOnly() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LuaActorMetrics metrics = new LuaActorMetrics(Tags.empty(), 1);
        metrics.bindTo(registry);
        boolean[] down = {false};
        InMemoryLuaStateStore memory = new InMemoryLuaStateStore();
        LuaStateStore store = new LuaStateStore() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public Optional<StateSnapshot> load(String actor) {
                return memory.load(actor);
            }

            @Override
            public long save(String actor, byte[] state, long expectedRevision) {
                if (down[0]) {
                    throw new StateStoreException(actor, "down");
                }
                return memory.save(actor, state, expectedRevision);
            }

            @Override
            public void delete(String actor) {
                memory.delete(actor);
            }
        };
        try (LuaActorSystem system = LuaActorSystem.builder().monitor(metrics).build()) {
            LuaActorRef durable = LuaActorBuilder.create().name("durable")
                    .onHandle("ctx.state.n = (ctx.state.n or 0) + 1").state(StateSettings.durable(store))
                    .start(system);
            LuaActorBuilder.create().name("plain").onHandle("ctx.state.n = 1").start(system)
                    .send(LuaMessage.from(1)).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                durable.send(LuaMessage.from(i)).get(10, TimeUnit.SECONDS);
            }
            down[0] = true;
            assertThatThrownBy(() -> durable.send(LuaMessage.from(1)).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StateStoreException.class);

            assertThat(registry.get("lua.actor.state.saves").tags("actor", "durable", "result", "success")
                    .counter().count()).isEqualTo(3);
            assertThat(registry.get("lua.actor.state.saves").tags("actor", "durable", "result", "failure")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("lua.actor.state.save.time").tags("actor", "durable", "store", "test").timer()
                    .count()).isEqualTo(4);
            assertThat(registry.find("lua.actor.state.saves").tags("actor", "plain").counters()).isEmpty();
        }
    }
}
