package io.github.luaactor.state.jdbc;

import java.util.Optional;

import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorStateSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class LuaActorStateJdbcAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorStateJdbcAutoConfiguration.class,
                LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=classpath*:no-actors-here/*.lua");

    private final ApplicationContextRunner withDataSource = this.runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");

    @Test
    void createsTheJdbcStoreOnTheApplicationsJdbcClient() {
        this.withDataSource.run((context) -> {
            assertThat(context).hasSingleBean(JdbcClientLuaStateStore.class);
            assertThat(context.getBean(LuaStateStore.class).kind()).isEqualTo("jdbc");
            assertThat(context.getBean(LuaActorStateSettings.class).defaults().isDurable()).isFalse();
        });
    }

    @Test
    void backsOffWithoutADataSource() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(LuaStateStore.class));
    }

    @Test
    void backsOffWithoutSpringJdbc() {
        this.withDataSource.withClassLoader(new FilteredClassLoader(JdbcClient.class))
            .run((context) -> assertThat(context).doesNotHaveBean(JdbcClientLuaStateStore.class));
    }

    @Test
    void backsOffForTheApplicationsOwnStore() {
        this.withDataSource.withUserConfiguration(OwnStore.class).run((context) -> {
            assertThat(context).doesNotHaveBean(JdbcClientLuaStateStore.class);
            assertThat(context.getBean(LuaStateStore.class).kind()).isEqualTo("custom");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean(LuaActorStateJdbcAutoConfiguration.BEAN_NAME)
        LuaStateStore jdbcLuaStateStore() {
            return new LuaStateStore() {
                @Override
                public String kind() {
                    return "custom";
                }

                @Override
                public Optional<StateSnapshot> load(String actor) {
                    return Optional.empty();
                }

                @Override
                public long save(String actor, byte[] state, long expectedRevision) {
                    return expectedRevision + 1;
                }

                @Override
                public void delete(String actor) {
                }
            };
        }
    }
}
