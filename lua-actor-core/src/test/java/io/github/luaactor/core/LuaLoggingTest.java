package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;

/** {@code print} and {@code ctx.log.*} reach SLF4J (logger {@code io.github.luaactor.lua}) with the actor's name. */
class LuaLoggingTest extends ActorTestSupport {
    private static final String LUA_LOGGER = "io.github.luaactor.lua";

    @Test
    void printGoesToTheLogAtInfoWithTheActorsName() {
        try (LogCapture log = new LogCapture(LUA_LOGGER, Level.DEBUG)) {
            LuaActorRef printer = actor("printer", "print('hello', ctx.msg, nil, true, {}) return 1");

            assertThat(ask(printer, 42)).isEqualTo(LuaMessage.from(1));

            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getLoggerName()).isEqualTo(LUA_LOGGER);
                assertThat(event.getFormattedMessage()).startsWith("[printer] hello\t42\tnil\ttrue\ttable: ");
            });
        }
    }

    @Test
    void eachCtxLogLevelGoesToTheMatchingSlf4jLevel() {
        try (LogCapture log = new LogCapture(LUA_LOGGER, Level.DEBUG)) {
            LuaActorRef logger = actor("logger", """
                    ctx.log.debug('d', ctx.msg)
                    ctx.log.info('i')
                    ctx.log.warn('w')
                    ctx.log.error('e', 1.5)""");

            ask(logger, "x");

            assertThat(log.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .containsExactly(tuple(Level.DEBUG, "[logger] d\tx"), tuple(Level.INFO, "[logger] i"),
                            tuple(Level.WARN, "[logger] w"), tuple(Level.ERROR, "[logger] e\t1.5"));
        }
    }

    @Test
    void levelsBelowTheConfiguredOneAreNotLogged() {
        try (LogCapture log = new LogCapture(LUA_LOGGER, Level.WARN)) {
            LuaActorRef quiet = actor("quiet", "print('p') ctx.log.debug('d') ctx.log.info('i') ctx.log.warn('w')");

            ask(quiet, 1);

            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly("[quiet] w");
        }
    }
}
