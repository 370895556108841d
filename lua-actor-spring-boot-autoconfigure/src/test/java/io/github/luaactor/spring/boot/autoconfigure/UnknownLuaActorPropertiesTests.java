package io.github.luaactor.spring.boot.autoconfigure;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.spring.boot.autoconfigure.UnknownLuaActorPropertiesException.UnknownProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A misspelt key under lua-actor. fails start-up, naming the key and the closest valid one. */
@ExtendWith(OutputCaptureExtension.class)
class UnknownLuaActorPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=classpath*:no-such-location/*.lua");

    @Test
    void misspeltDefaultFailsNamingTheClosestKey() {
        this.runner.withPropertyValues("lua-actor.defaults.mailbox-capacty=5").run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("'lua-actor.defaults.mailbox-capacty'")
                .contains("did you mean 'lua-actor.defaults.mailbox-capacity'?");
            assertThat(analysis.getAction()).contains("Correct the key")
                .contains("lua-actor.fail-on-unknown-properties=false");
        });
    }

    @Test
    void misspeltTopLevelKeyFailsNamingTheClosestKey() {
        this.runner.withPropertyValues("lua-actor.enable=true").run((context) -> assertThat(
                analysis(context).getDescription())
            .contains("'lua-actor.enable'")
            .contains("did you mean 'lua-actor.enabled'?"));
    }

    @Test
    void misspeltKeyOfANamedActorFailsNamingTheKeyOfThatActor() {
        this.runner
            .withPropertyValues("lua-actor.actors.foo.handle=return 1", "lua-actor.actors.foo.handler-timout=5s")
            .run((context) -> assertThat(analysis(context).getDescription())
                .contains("'lua-actor.actors.foo.handler-timout'")
                .contains("did you mean 'lua-actor.actors.foo.handler-timeout'?"));
    }

    @Test
    void stateKeysAreKnownAndAMisspeltOneIsNamed() {
        this.runner
            .withPropertyValues("lua-actor.defaults.state.store=memory", "lua-actor.actors.foo.handle=return 1",
                    "lua-actor.actors.foo.state.max-state-size=2KB", "lua-actor.actors.foo.state.write-mod=write-behind")
            .run((context) -> assertThat(analysis(context).getDescription())
                .contains("'lua-actor.actors.foo.state.write-mod'")
                .contains("did you mean 'lua-actor.actors.foo.state.write-mode'?")
                .doesNotContain("'lua-actor.defaults.state.store'")
                .doesNotContain("'lua-actor.actors.foo.state.max-state-size'"));
    }

    @Test
    void everyUnknownKeyIsListedOnce() {
        this.runner.withPropertyValues("lua-actor.enable=true", "lua-actor.reload.wach=true",
                "lua-actor.metrics.timer-samplin=2")
            .run((context) -> {
                UnknownLuaActorPropertiesException failure = failure(context);
                assertThat(failure.getProperties()).extracting(UnknownProperty::key)
                    .containsExactly("lua-actor.enable", "lua-actor.metrics.timer-samplin", "lua-actor.reload.wach");
                assertThat(failure.getProperties()).extracting(UnknownProperty::suggestion)
                    .containsExactly("lua-actor.enabled", "lua-actor.metrics.timer-sampling",
                            "lua-actor.reload.watch");
            });
    }

    @Test
    void aValidConfigurationStarts() {
        this.runner
            .withPropertyValues("lua-actor.enabled=true", "lua-actor.compile-handlers=true",
                    "lua-actor.modules[0]=classpath*:lua-modules/", "lua-actor.fail-on-unknown-properties=true",
                    "lua-actor.defaults.mailbox-capacity=100", "lua-actor.defaults.restart.window=2m",
                    "lua-actor.defaults.max-string-length=64KB", "lua-actor.defaults.onFailure=restart",
                    "lua-actor.actors.greeter.handle=return 'hi ' .. ctx.msg",
                    "lua-actor.actors.greeter.handler-timeout=5s", "lua-actor.actors.greeter.restart.max-restarts=3",
                    "lua-actor.actors[a.b].handle=return 1", "lua-actor.actors[a.b].mailbox-capacity=7",
                    "lua-actor.shutdown.timeout=5s", "lua-actor.reload.watch=false", "lua-actor.reload.interval=2s",
                    "lua-actor.health.mailbox-warning-ratio=0.5", "lua-actor.metrics.timer-sampling=4")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("greeter", LuaActorRef.class).isAlive()).isTrue();
                assertThat(context.getBean(LuaActorSystem.class).actor("a.b").orElseThrow().statistics()
                    .mailboxCapacity()).isEqualTo(7);
            });
    }

    @Test
    void unknownKeysOnlyWarnWhenSwitchedOff(CapturedOutput output) {
        this.runner
            .withPropertyValues("lua-actor.fail-on-unknown-properties=false", "lua-actor.enable=true",
                    "lua-actor.actors.foo.handle=return 1", "lua-actor.actors.foo.handler-timout=5s")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("foo", LuaActorRef.class)).isNotNull();
            });
        assertThat(output).contains("'lua-actor.enable'")
            .contains("did you mean 'lua-actor.actors.foo.handler-timeout'?")
            .contains("lua-actor.fail-on-unknown-properties=false");
    }

    @Test
    void everyKeyOfTheDocumentedFormIsKnown() {
        LuaActorPropertyKeys keys = LuaActorPropertyKeys.get();
        assertThat(keys.keys()).contains("lua-actor.enabled", "lua-actor.modules[0]",
                "lua-actor.defaults.restart.window", "lua-actor.actors.<name>.handle-script",
                "lua-actor.actors.<name>.restart.max-restarts", "lua-actor.fail-on-unknown-properties");
        for (String key : keys.keys()) {
            String concrete = key.replace("<name>", "some-actor");
            assertThat(keys.isKnown(ConfigurationPropertyName.of(concrete))).as(concrete).isTrue();
        }
        assertThat(keys.isKnown(ConfigurationPropertyName.of("lua-actor.actors.x.restart.windows"))).isFalse();
        assertThat(keys.isKnown(ConfigurationPropertyName.of("lua-actor.modules.first"))).isFalse();
    }

    @Test
    void distanceCountsEdits() {
        assertThat(LuaActorPropertyKeys.distance("enable", "enabled")).isEqualTo(1);
        assertThat(LuaActorPropertyKeys.distance("timout", "timeout")).isEqualTo(1);
        assertThat(LuaActorPropertyKeys.distance("abc", "abc")).isZero();
        assertThat(LuaActorPropertyKeys.distance("kitten", "sitting")).isEqualTo(3);
    }

    private static UnknownLuaActorPropertiesException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof UnknownLuaActorPropertiesException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an UnknownLuaActorPropertiesException in %s", context.getStartupFailure())
            .isInstanceOf(UnknownLuaActorPropertiesException.class);
        return (UnknownLuaActorPropertiesException) failure;
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        failure(context);
        FailureAnalysis analysis = new UnknownLuaActorPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).isNotNull();
        return analysis;
    }

}
