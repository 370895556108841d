package io.github.luaactor.state.jdbc;

import io.github.luaactor.core.state.LuaStateStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code jdbc} state store in a Spring Boot application: a {@link JdbcClientLuaStateStore} on the application's
 * {@link JdbcClient}, used by actors with {@code state.store=jdbc}. It never creates its table: apply
 * {@code classpath:io/github/luaactor/state/jdbc/schema-<platform>.sql} with Flyway, Liquibase or
 * {@code spring.sql.init} (docs/state.md).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        beforeName = "io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration")
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnSingleCandidate(JdbcClient.class)
@ConditionalOnBooleanProperty(name = "lua-actor.enabled", matchIfMissing = true)
public final class LuaActorStateJdbcAutoConfiguration {

    /** Name of the store's bean. */
    public static final String BEAN_NAME = "jdbcLuaStateStore";

    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    LuaStateStore jdbcLuaStateStore(JdbcClient jdbcClient) {
        return new JdbcClientLuaStateStore(jdbcClient);
    }

}
