package io.github.luaactor.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code lua-actor.reload.watch}: changed script and module files on disk reach the actors using them. */
@ExtendWith(OutputCaptureExtension.class)
class LuaScriptWatcherTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path scripts;

    private Path modules;

    private ApplicationContextRunner runner;

    @BeforeEach
    void prepare() throws IOException {
        this.scripts = Files.createDirectories(this.dir.resolve("scripts"));
        this.modules = Files.createDirectories(this.dir.resolve("modules"));
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
            .withPropertyValues("lua-actor.scripts=" + this.scripts.toUri() + "*.lua",
                    "lua-actor.modules=" + this.modules.toUri(), "lua-actor.reload.watch=true",
                    "lua-actor.reload.interval=50ms");
    }

    private static void write(Path file, String source) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    private static Object ask(AssertableApplicationContext context, String actor, Object message) throws Exception {
        return context.getBean(actor, LuaActorRef.class)
            .send(LuaMessage.from(message))
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .toJava();
    }

    private static void awaitReply(AssertableApplicationContext context, String actor, Object expected) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ask(context, actor, "x")).isEqualTo(expected));
    }

    @Test
    void changedActorScriptIsReloadedKeepingState() throws IOException {
        write(this.scripts.resolve("counter.lua"), "ctx.state.n = (ctx.state.n or 0) + 1 return 'v1:' .. ctx.state.n");
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LuaScriptWatcher.class);
            assertThat(ask(context, "counter", "x")).isEqualTo("v1:1");
            write(this.scripts.resolve("counter.lua"),
                    "ctx.state.n = (ctx.state.n or 0) + 1 return 'v2:' .. (ctx.state.n > 1 and 'kept' or 'lost')");
            awaitReply(context, "counter", "v2:kept");
        });
    }

    @Test
    void actorsStartedFromAChangedTemplateWithNewActorAreReloadedToo() throws IOException {
        write(this.scripts.resolve("worker.lua"), "return 'w1:' .. ctx.msg");
        write(this.scripts.resolve("spawner.lua"), """
                ctx.state.w = ctx.state.w or ctx.new_actor('worker', 'worker-1')
                return ctx.send(ctx.state.w, ctx.msg)""");
        this.runner.withPropertyValues("lua-actor.actors.worker.enabled=false").run((context) -> {
            assertThat(ask(context, "spawner", "x")).isEqualTo("w1:x");
            write(this.scripts.resolve("worker.lua"), "return 'w2:' .. ctx.msg");
            awaitReply(context, "spawner", "w2:x");
        });
    }

    @Test
    void scriptWithASyntaxErrorIsLoggedAndTheOldOneStays(CapturedOutput output) throws IOException {
        write(this.scripts.resolve("greeter.lua"), "return 'hello ' .. ctx.msg");
        this.runner.run((context) -> {
            assertThat(ask(context, "greeter", "x")).isEqualTo("hello x");
            write(this.scripts.resolve("greeter.lua"), "return 'broken' ..");
            await().atMost(TIMEOUT).until(() -> output.toString().contains("does not compile"));
            assertThat(output).contains("greeter.lua:1").contains("Actor(s) [greeter] keep their previous script");
            assertThat(ask(context, "greeter", "x")).isEqualTo("hello x");
            write(this.scripts.resolve("greeter.lua"), "return 'fixed ' .. ctx.msg");
            awaitReply(context, "greeter", "fixed x");
        });
    }

    @Test
    void changedModuleReloadsEveryActorThatRequiredIt() throws IOException {
        write(this.modules.resolve("util/tag.lua"), "return {value = 'v1'}");
        write(this.scripts.resolve("a.lua"), "return 'a:' .. require('util.tag').value");
        write(this.scripts.resolve("b.lua"), "return 'b:' .. require('util.tag').value");
        this.runner.run((context) -> {
            assertThat(ask(context, "a", "x")).isEqualTo("a:v1");
            assertThat(ask(context, "b", "x")).isEqualTo("b:v1");
            write(this.modules.resolve("util/tag.lua"), "return {value = 'v2'}");
            awaitReply(context, "a", "a:v2");
            awaitReply(context, "b", "b:v2");
        });
    }

    @Test
    void moduleWithASyntaxErrorIsLoggedAndTheOldOneStays(CapturedOutput output) throws IOException {
        write(this.modules.resolve("tag.lua"), "return {value = 'v1'}");
        write(this.scripts.resolve("a.lua"), "return require('tag').value");
        this.runner.run((context) -> {
            assertThat(ask(context, "a", "x")).isEqualTo("v1");
            write(this.modules.resolve("tag.lua"), "return {value = ");
            await().atMost(TIMEOUT).until(() -> output.toString().contains("Lua module 'tag' changed but does not"));
            assertThat(output).contains("tag.lua:1");
            assertThat(ask(context, "a", "x")).isEqualTo("v1");
            write(this.modules.resolve("tag.lua"), "return {value = 'v3'}");
            awaitReply(context, "a", "v3");
        });
    }

    @Test
    void watcherStopsWithTheContext() throws IOException {
        write(this.scripts.resolve("a.lua"), "return 1");
        AtomicReference<LuaScriptWatcher> watcher = new AtomicReference<>();
        this.runner.run((context) -> {
            watcher.set(context.getBean(LuaScriptWatcher.class));
            assertThat(watcher.get().isRunning()).isTrue();
        });
        assertThat(watcher.get().isRunning()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                (thread) -> thread.getName().equals("lua-actor-reload-watch") && thread.isAlive());
    }

    @Test
    void noWatcherUnlessEnabled() throws IOException {
        write(this.scripts.resolve("a.lua"), "return 1");
        this.runner.withPropertyValues("lua-actor.reload.watch=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LuaScriptWatcher.class));
    }

}
