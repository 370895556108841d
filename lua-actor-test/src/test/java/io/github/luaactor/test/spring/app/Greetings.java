package io.github.luaactor.test.spring.app;

import io.github.luaactor.core.LuaRecipient;
import org.springframework.stereotype.Component;

/** A Java recipient declared by a method: the slice must keep it. */
@Component
public class Greetings {

    @LuaRecipient("greetings")
    public String greet(String name) {
        return "hello " + name;
    }
}
