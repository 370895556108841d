package io.github.luaactor.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateTooLargeException;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Durable state in a Spring Boot application: the jdbc store on the application's DataSource, its table created by
 * spring.sql.init from the documented script, actors configured with lua-actor.*.state.*.
 */
class DurableStateSpringTests {
    static final String COUNTER = "ctx.state.n = ctx.state.n or 0 "
            + "if type(ctx.msg) == 'string' then ctx.state.note = ctx.msg end "
            + "ctx.state.n = ctx.state.n + 1 return ctx.state.n";

    private final TestDatabase db = TestDatabase.get();

    /** Each test its own actor name: the table is shared and never emptied here. */
    private final String actor = "visits_" + UUID.randomUUID().toString().replace("-", "");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                DataSourceInitializationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                JdbcClientAutoConfiguration.class, LuaActorStateJdbcAutoConfiguration.class,
                LuaActorAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + db.url, "spring.datasource.username=" + db.user,
                "spring.datasource.password=" + db.password, "spring.datasource.hikari.connection-timeout=1000",
                "spring.sql.init.mode=always", "spring.sql.init.schema-locations=" + db.schemaLocation(),
                "lua-actor.scripts=classpath*:no-actors-here/*.lua", "lua-actor.defaults.state.store=jdbc",
                "lua-actor.actors." + actor + ".handle=" + COUNTER);

    private LuaActorRef actor(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return context.getBean(actor, LuaActorRef.class);
    }

    static LuaMessage ask(LuaActorRef actor, Object message) {
        try {
            return actor.send(LuaMessage.from(message)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reply from " + actor.name(), e);
        }
    }

    static Throwable failure(LuaActorRef actor, Object message) {
        Throwable thrown = catchThrowable(() -> actor.send(LuaMessage.from(message)).get(30, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @Test
    void aRestartOfTheContextKeepsTheCounters() {
        runner.run((context) -> {
            LuaActorRef visits = actor(context);
            assertThat(context).hasSingleBean(JdbcClientLuaStateStore.class);
            for (int i = 1; i <= 3; i++) {
                assertThat(ask(visits, i)).isEqualTo(LuaMessage.from((long) i));
            }
        });
        runner.run((context) -> {
            LuaActorRef visits = actor(context);
            assertThat(ask(visits, 1)).isEqualTo(LuaMessage.from(4L));
            assertThat(visits.statistics().stateStore()).isEqualTo("jdbc");
            assertThat(visits.statistics().stateRevision()).isEqualTo(4);
        });
    }

    @Test
    void aSecondContextWithTheSameActorIsDetected() {
        runner.run((first) -> {
            LuaActorRef one = actor(first);
            ask(one, 1);
            runner.run((second) -> {
                LuaActorRef two = actor(second);
                assertThat(ask(two, 1)).isEqualTo(LuaMessage.from(2L));
                assertThat(failure(one, 1)).isInstanceOf(StateConflictException.class)
                    .hasMessageContaining("Lua actor '" + actor + "'")
                    .hasMessageContaining("has revision 2 but this actor last saw revision 1");
            });
        });
    }

    @Test
    void aStateAboveTheLimitIsRefused() {
        runner.withPropertyValues("lua-actor.actors." + actor + ".state.max-state-size=1KB").run((context) -> {
            LuaActorRef visits = actor(context);
            ask(visits, 1);
            assertThat(failure(visits, "x".repeat(2000))).isInstanceOf(StateTooLargeException.class)
                .hasMessageContaining("max-state-size (1024 bytes)");
            assertThat(ask(visits, 1)).isEqualTo(LuaMessage.from(2L));
        });
    }

    @Test
    void aStoreThatDoesNotExistFailsStartUp() {
        runner.withPropertyValues("lua-actor.actors." + actor + ".state.store=redis").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseMessage(
                    "lua-actor.actors." + actor + ".state.store=redis names no state store: the LuaStateStore "
                            + "beans have the kinds jdbc.");
        });
    }

    @Test
    void memoryStaysTheDefault() {
        runner.withPropertyValues("lua-actor.defaults.state.store=memory").run((context) -> {
            LuaActorRef visits = actor(context);
            ask(visits, 1);
            assertThat(visits.statistics().stateStore()).isEqualTo("memory");
            assertThat(context.getBean(JdbcClientLuaStateStore.class).load(actor)).isEmpty();
        });
    }
}
