package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctx.new_actor} with the core's directory and class-path script resolvers, and what they refuse. */
class ScriptResolverTest {
    @TempDir
    Path temp;
    private Path root;

    @BeforeEach
    void writeScripts() throws IOException {
        root = Files.createDirectories(temp.resolve("scripts"));
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("worker.lua"), "return 'worker ' .. ctx.msg");
        Files.writeString(root.resolve("sub/worker.lua"), "return 'sub worker ' .. ctx.msg");
        Files.writeString(temp.resolve("secret.lua"), "return 'secret'");
    }

    @Test
    void directoryResolvesNamesAndRelativePathsInsideTheRoot() {
        LuaScriptResolver resolver = LuaScriptResolver.directory(root);

        assertThat(resolver.resolve("worker")).hasValueSatisfying(script -> {
            assertThat(script.source()).isEqualTo("return 'worker ' .. ctx.msg");
            assertThat(script.chunkName()).isEqualTo("worker.lua");
        });
        assertThat(resolver.resolve("worker.lua")).isPresent();
        assertThat(resolver.resolve("sub/worker.lua")).hasValueSatisfying(
                script -> assertThat(script.chunkName()).isEqualTo("sub/worker.lua"));
        assertThat(resolver.resolve("missing")).isEmpty();
    }

    @Test
    void directoryRefusesEverythingThatCouldLeaveTheRoot() {
        LuaScriptResolver resolver = LuaScriptResolver.directory(root);

        assertThat(resolver.resolve("../secret")).isEmpty();
        assertThat(resolver.resolve("../secret.lua")).isEmpty();
        assertThat(resolver.resolve("sub/../../secret")).isEmpty();
        assertThat(resolver.resolve("sub/../worker")).as("no '..' even when it stays inside").isEmpty();
        assertThat(resolver.resolve("./worker")).isEmpty();
        assertThat(resolver.resolve(temp.resolve("secret.lua").toString())).as("absolute path").isEmpty();
        assertThat(resolver.resolve("/worker")).isEmpty();
        assertThat(resolver.resolve("sub\\worker")).isEmpty();
        assertThat(resolver.resolve("sub//worker")).isEmpty();
        assertThat(resolver.resolve("")).isEmpty();
        assertThat(resolver.resolve(null)).isEmpty();
    }

    @Test
    void directoryRefusesALinkLeadingOutOfTheRoot() throws IOException {
        Path link = root.resolve("escape.lua");
        try {
            Files.createSymbolicLink(link, temp.resolve("secret.lua"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not supported here: " + e);
        }

        assertThat(LuaScriptResolver.directory(root).resolve("escape")).isEmpty();
    }

    @Test
    void classpathResolvesScriptsUnderItsPrefixOnly() {
        LuaScriptResolver resolver = LuaScriptResolver.classpath("lua-scripts", getClass().getClassLoader());

        assertThat(resolver.resolve("greeter")).hasValueSatisfying(
                script -> assertThat(script.location()).isEqualTo("classpath:lua-scripts/greeter.lua"));
        assertThat(resolver.resolve("sub/echo.lua")).isPresent();
        assertThat(resolver.resolve("../lua-modules/util/greeting")).isEmpty();
        assertThat(resolver.resolve("/lua-scripts/greeter")).isEmpty();
    }

    @Test
    void ctxNewActorStartsScriptsFromADirectoryAndAClassPathRoot() {
        try (LuaActorSystem system = LuaActorSystem.builder().scriptRoot(root).scriptRoot("lua-scripts").build()) {
            LuaActorRef parent = LuaActorBuilder.create().name("parent").onHandle("""
                    local child = ctx.new_actor(ctx.msg.script, ctx.msg.name)
                    return {name = child, reply = ctx.send(child, 'hi')}""").start(system);

            assertThat(ask(parent, "worker", null).toJava()).asString()
                    .contains("reply=worker hi").containsPattern("name=worker-\\d+");
            assertThat(ask(parent, "sub/worker.lua", "w2"))
                    .isEqualTo(LuaMessage.table("name", "w2", "reply", "sub worker hi"));
            assertThat(ask(parent, "greeter", "g").toJava()).asString().contains("hello from the class path, hi");
            assertThat(system.actor("w2")).isPresent();
        }
    }

    @Test
    void ctxNewActorCannotReachAFileOutsideTheRoots() {
        try (LuaActorSystem system = LuaActorSystem.builder().scriptRoot(root).build()) {
            LuaActorRef prober = LuaActorBuilder.create().name("prober").onHandle("""
                    local ok, err = pcall(ctx.new_actor, ctx.msg)
                    return ok and 'started' or err""").start(system);

            for (String escape : new String[] {"../secret", temp.resolve("secret.lua").toString(), "sub/../../secret"}) {
                assertThat(prober.send(LuaMessage.from(escape))).succeedsWithin(java.time.Duration.ofSeconds(10))
                        .satisfies(reply -> assertThat(reply.toJava()).asString()
                                .contains("ctx.new_actor: no script '" + escape + "'"));
            }
            assertThat(system.actors()).extracting(LuaActorRef::name).containsExactly("prober");
        }
    }

    private static LuaMessage ask(LuaActorRef actor, String script, String name) {
        LuaMessage message = name == null ? LuaMessage.table("script", script)
                : LuaMessage.table("script", script, "name", name);
        return actor.send(message).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}
