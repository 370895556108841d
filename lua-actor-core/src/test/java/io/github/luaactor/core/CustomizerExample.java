package io.github.luaactor.core;

import java.util.UUID;

/**
 * docs/customizers.md shows {@link #system()}'s body and {@link #SCRIPT} as its two code blocks (checked word for
 * word by DocCodeBlocksTest); DocsTest runs them.
 */
final class CustomizerExample {

    static final String SCRIPT = """
            return {id = uuid(), loud = shout('hi'), sum = add(2, 3), region = region}
            """;

    private CustomizerExample() {
    }

    static LuaActorSystem system() {
        LuaActorSystem system = LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.function("uuid", () -> UUID.randomUUID().toString()))
                .customizer(LuaVmCustomizer.function("shout", msg -> msg.toJava().toString().toUpperCase()))
                .customizer(LuaVmCustomizer.function("add", (a, b) -> ((Number) a.toJava()).longValue()
                        + ((Number) b.toJava()).longValue()))
                .customizer(LuaVmCustomizer.value("region", "eu-west"))
                .build();
        return system;
    }

}
