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

import io.github.luaactor.examples.ReadmeCoreExample;
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
    void readmeCoreExampleRuns() throws Exception {
        // README.md copies ReadmeCoreExample (checked word for word by DocCodeBlocksTest)
        assertThat(ReadmeCoreExample.addFortyTwo()).isEqualTo("got 142");
    }

    @Test
    void customizerExampleRuns() throws Exception {
        // docs/customizers.md shows CustomizerExample (checked word for word by DocCodeBlocksTest)
        try (LuaActorSystem system = CustomizerExample.system()) {
            LuaActorRef actor = LuaActorBuilder.create()
                    .onHandle(CustomizerExample.SCRIPT)
                    .start(system);
            LuaMessage.Table reply = (LuaMessage.Table) actor.send(LuaMessage.NIL).get();
            assertThat(reply.get("loud")).isEqualTo(LuaMessage.from("HI"));
            assertThat(reply.get("sum")).isEqualTo(LuaMessage.from(5));
            assertThat(reply.get("region")).isEqualTo(LuaMessage.from("eu-west"));
            assertThat(reply.get("id").toJava().toString()).hasSize(36);
        }
    }
}
