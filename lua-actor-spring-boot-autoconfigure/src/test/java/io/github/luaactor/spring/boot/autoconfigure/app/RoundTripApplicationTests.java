package io.github.luaactor.spring.boot.autoconfigure.app;

import java.time.Duration;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** End to end: Lua (greeter) → Java (directory) → Lua (titles) → Java → Lua → the calling service. */
@SpringBootTest(classes = RoundTripApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "lua-actor.scripts=classpath*:roundtrip/*.lua")
@DirtiesContext
class RoundTripApplicationTests {

    @Autowired
    RoundTripApplication.Greetings greetings;

    @Autowired
    @Qualifier("greeter")
    LuaActorRef greeter;

    @Autowired
    LuaActorSystem system;

    @Autowired
    RoundTripApplication.DeadLetters deadLetters;

    @Test
    void luaCallsJavaWhichCallsLuaAndTheReplyComesBack() throws Exception {
        assertThat(this.greetings.greet("ada")).isEqualTo("Hello, Countess ADA");
        assertThat(this.greetings.greet("bob")).isEqualTo("Hello, Citizen BOB");
        assertThat(this.greeter.statistics().succeeded()).isGreaterThanOrEqualTo(2);
        assertThat(this.system.actors()).extracting(LuaActorRef::name).contains("greeter", "titles");
    }

    @Test
    void deadLettersReachEventListeners() {
        // Java sending to a stopped actor is a dead letter; use a throwaway actor to keep the others running
        LuaActorRef temp = io.github.luaactor.core.LuaActorBuilder.create().name("temp").onHandle("return 1")
            .start(this.system);
        temp.stop().join();
        temp.send(LuaMessage.from("too late"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.deadLetters.received)
            .anySatisfy((letter) -> {
                assertThat(letter.actor()).isEqualTo("temp");
                assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.ACTOR_STOPPED);
            }));
    }

    @Test
    void closingTheApplicationRunsOnStopped() throws Exception {
        // a separate application, so that closing it leaves the test context alone
        try (ConfigurableApplicationContext app = new org.springframework.boot.builder.SpringApplicationBuilder(
                RoundTripApplication.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .properties("lua-actor.scripts=classpath*:roundtrip/*.lua", "spring.main.banner-mode=off")
            .run()) {
            RoundTripApplication.Farewells said = app.getBean(RoundTripApplication.Farewells.class);
            LuaActorRef greeter = app.getBean("greeter", LuaActorRef.class);
            assertThat(app.getBean(RoundTripApplication.Greetings.class).greet("ada")).isEqualTo("Hello, Countess ADA");
            assertThat(said.said).isEmpty();
            app.close();
            assertThat(said.said).containsExactly("greeter");
            assertThat(greeter.state()).isEqualTo(ActorState.STOPPED);
        }
    }

}
