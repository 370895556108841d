package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateWriteMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LuaActorStateSettingsTests {

    private final LuaStateStore store = new InMemoryLuaStateStore();

    private LuaActorStateSettings settings(Map<String, String> values) {
        LuaActorProperties properties = new Binder(new MapConfigurationPropertySource(values))
            .bind(LuaActorProperties.PREFIX, LuaActorProperties.class)
            .orElseGet(LuaActorProperties::new);
        return new LuaActorStateSettings(properties, List.of(this.store));
    }

    @Test
    void actorsOverrideTheDefaultsKeyByKey() {
        LuaActorStateSettings settings = settings(Map.of("lua-actor.defaults.state.store", "in-memory",
                "lua-actor.defaults.state.max-state-size", "2KB", "lua-actor.actors.a.state.write-mode",
                "write-behind", "lua-actor.actors.a.state.write-interval", "250ms", "lua-actor.actors.b.state.store",
                "memory"));
        assertThat(settings.defaults()).isEqualTo(StateSettings.durable(this.store).withMaxStateSize(2048));
        assertThat(settings.forActor("a")).isEqualTo(StateSettings.durable(this.store).withMaxStateSize(2048)
            .withWriteMode(StateWriteMode.WRITE_BEHIND).withWriteInterval(Duration.ofMillis(250)));
        assertThat(settings.forActor("b").isDurable()).isFalse();
        assertThat(settings.forActor("not-configured")).isEqualTo(settings.defaults());
    }

    @Test
    void nothingConfiguredIsStateInTheVm() {
        assertThat(settings(Map.of()).defaults()).isEqualTo(StateSettings.NONE);
    }

    @Test
    void invalidValuesFailNamingTheKey() {
        assertThatExceptionOfType(LuaActorConfigurationException.class)
            .isThrownBy(() -> settings(Map.of("lua-actor.actors.a.state.write-interval", "0s")))
            .withMessageContaining("lua-actor.actors.a.state")
            .withMessageContaining("writeInterval must be > 0");
        assertThatExceptionOfType(LuaActorConfigurationException.class)
            .isThrownBy(() -> settings(Map.of("lua-actor.defaults.state.store", "jdbc")))
            .withMessageContaining("lua-actor.defaults.state.store=jdbc names no state store")
            .satisfies((ex) -> assertThat(ex.getAction()).contains("lua-actor-state-jdbc"));
    }
}
