package io.github.luaactor.spring.boot.autoconfigure.app;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaRecipient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * A small application using only the starter's conventions: scripts in {@code roundtrip/}, a {@code @LuaRecipient}
 * method that calls back into Lua, and a service that injects an actor by qualifier.
 */
@SpringBootApplication
public class RoundTripApplication {

    /** Java recipient "directory": asks the Lua actor "titles" and answers Lua asynchronously. */
    @Component
    public static class Directory {

        private final LuaActorRef titles;

        public Directory(@Qualifier("titles") LuaActorRef titles) {
            this.titles = titles;
        }

        @LuaRecipient("directory")
        public CompletionStage<String> lookUp(String login) {
            return this.titles.send(LuaMessage.from(login))
                .thenApply((title) -> title.toJava() + " " + login.toUpperCase());
        }

    }

    /** Records what greeter.stopped.lua says on shutdown. */
    @Component
    @LuaRecipient("farewells")
    public static class Farewells implements LuaMessageHandler {

        public final List<String> said = new CopyOnWriteArrayList<>();

        @Override
        public LuaMessage handle(LuaMessage msg) {
            this.said.add(String.valueOf(msg.toJava()));
            return LuaMessage.NIL;
        }

    }

    @Service
    public static class Greetings {

        private final LuaActorRef greeter;

        public Greetings(@Qualifier("greeter") LuaActorRef greeter) {
            this.greeter = greeter;
        }

        public String greet(String login) throws Exception {
            return (String) this.greeter.send(LuaMessage.from(login)).get().toJava();
        }

    }

    @Component
    public static class DeadLetters {

        public final List<DeadLetter> received = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(DeadLetter letter) {
            this.received.add(letter);
        }

    }

}
