package io.github.luaactor.spring.boot.autoconfigure.docs;

// README.md, step 4, copies this file from its imports on, so that a reader sees which packages to use.

import java.time.Duration;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

@Service
class Greetings {
    private final LuaActorRef greeter;
    Greetings(@Qualifier("greeter") LuaActorRef greeter) { this.greeter = greeter; }
    String greet(String name) { return greeter.call(LuaMessage.from(name), Duration.ofSeconds(5)).toJava().toString(); }
}
