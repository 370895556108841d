package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Lua example in the README and in docs/ compiles, so the documentation cannot drift into invalid Lua. */
class DocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LUA_BLOCK = Pattern.compile("```lua\\n(.*?)```", Pattern.DOTALL);

    static Stream<Arguments> luaBlocks() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Arguments> blocks = new ArrayList<>();
        for (Path file : files) {
            Matcher m = LUA_BLOCK.matcher(Files.readString(file));
            int index = 0;
            while (m.find()) {
                blocks.add(Arguments.of(ROOT.relativize(file) + " #" + ++index, m.group(1)));
            }
        }
        return blocks.stream();
    }

    @Test
    void docsHaveLuaExamples() throws IOException {
        assertThat(luaBlocks().count()).isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("luaBlocks")
    void luaExampleCompiles(String where, String source) {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            // start() compiles the handler and throws LuaScriptException with the line on a syntax error.
            LuaActorRef actor = LuaActorBuilder.create().onHandle(source).start(system);
            assertThat(actor.isAlive()).as(where).isTrue();
        }
    }

    @Test
    void readmeCoreExampleRunsAsWritten() throws Exception {
        // Copied from README.md ("Without Spring, the core is a plain library").
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef adder = LuaActorBuilder.create()
                .name("adder")
                .onHandle("return ctx.msg + 42")
                .start(system);
            LuaMessage reply = adder.send(LuaMessage.from(100)).get();   // LuaMessage.Int[value=142]
            system.addRecipient("callback", msg -> LuaMessage.from("got " + msg.toJava()));
            assertThat(reply).isEqualTo(new LuaMessage.Int(142));
        }
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .contains("LuaMessage reply = adder.send(LuaMessage.from(100)).get();   // LuaMessage.Int[value=142]");
    }

    @Test
    void customizerExampleRunsAsWritten() throws Exception {
        // Copied from docs/customizers.md.
        LuaActorSystem system = LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.function("uuid", () -> java.util.UUID.randomUUID().toString()))
                .customizer(LuaVmCustomizer.function("shout", msg -> msg.toJava().toString().toUpperCase()))
                .customizer(LuaVmCustomizer.function("add", (a, b) -> ((Number) a.toJava()).longValue()
                        + ((Number) b.toJava()).longValue()))
                .customizer(LuaVmCustomizer.value("region", "eu-west"))
                .build();
        try (system) {
            LuaActorRef actor = LuaActorBuilder.create()
                    .onHandle("return {id = uuid(), loud = shout('hi'), sum = add(2, 3), region = region}")
                    .start(system);
            LuaMessage.Table reply = (LuaMessage.Table) actor.send(LuaMessage.NIL).get();
            assertThat(reply.get("loud")).isEqualTo(LuaMessage.from("HI"));
            assertThat(reply.get("sum")).isEqualTo(LuaMessage.from(5));
            assertThat(reply.get("region")).isEqualTo(LuaMessage.from("eu-west"));
            assertThat(reply.get("id").toJava().toString()).hasSize(36);
        }
    }
}
