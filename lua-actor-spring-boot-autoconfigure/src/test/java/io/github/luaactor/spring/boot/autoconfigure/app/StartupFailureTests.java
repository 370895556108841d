package io.github.luaactor.spring.boot.autoconfigure.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A real SpringApplication that fails to start prints the failure analysis: what is wrong and what to do. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

    private static SpringApplicationBuilder app(String... properties) {
        return new SpringApplicationBuilder(RoundTripApplication.class).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off")
            .properties(properties);
    }

    @Test
    void syntaxErrorIsExplainedWithFileAndLine(CapturedOutput output) {
        assertThatException().isThrownBy(() -> app("lua-actor.scripts=classpath*:lua-test/broken/*.lua",
                "lua-actor.actors.greeter.handle=return 1", "lua-actor.actors.titles.handle=return 1")
            .run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Lua actor 'broken' failed to start")
            .contains("broken.lua] does not compile (line 3)")
            .contains("Fix line 3 of");
    }

    @Test
    void misspeltKeyIsExplainedWithTheClosestValidOne(CapturedOutput output) {
        assertThatException().isThrownBy(() -> app("lua-actor.scripts=classpath*:roundtrip/*.lua",
                "lua-actor.defaults.mailbox-capacty=5")
            .run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("'lua-actor.defaults.mailbox-capacty'")
            .contains("did you mean 'lua-actor.defaults.mailbox-capacity'?")
            .contains("lua-actor.fail-on-unknown-properties=false");
    }

    @Test
    void nameClashIsExplainedNamingBoth(CapturedOutput output) {
        // the application class is itself a bean, "roundTripApplication"
        assertThatException().isThrownBy(() -> app("lua-actor.scripts=classpath*:roundtrip/*.lua",
                "lua-actor.actors[roundTripApplication].handle=return 1")
            .run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The Lua actor 'roundTripApplication' (lua-actor.actors.roundTripApplication)")
            .contains("clashes with bean 'roundTripApplication'")
            .contains("Rename the actor");
    }

}
