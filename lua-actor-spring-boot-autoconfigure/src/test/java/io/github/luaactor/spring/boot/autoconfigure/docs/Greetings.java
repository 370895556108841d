package io.github.luaactor.spring.boot.autoconfigure.docs;

import java.time.Duration;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

// README.md, step 4, copies this class.
@Service
class Greetings {
    private final LuaActorRef greeter;
    Greetings(@Qualifier("greeter") LuaActorRef greeter) { this.greeter = greeter; }
    String greet(String name) { return greeter.call(LuaMessage.from(name), Duration.ofSeconds(5)).toJava().toString(); }
}
