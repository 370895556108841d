package io.github.luaactor.spring.boot.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lua-actor.modules}: what {@code require} can reach in a Spring application, and what it cannot. */
class LuaModulesAutoConfigurationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=");

    private static LuaMessage ask(AssertableApplicationContext context, String actor, Object message) {
        return context.getBean(actor, LuaActorRef.class).call(LuaMessage.from(message), TIMEOUT);
    }

    @Test
    void requiresFromTheDefaultLocation() throws Exception {
        URL root = getClass().getClassLoader().getResource("default-location/");
        assertThat(root).isNotNull();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { root }, getClass().getClassLoader())) {
            this.runner.withClassLoader(loader)
                .withPropertyValues("lua-actor.actors.greeter.handle=return require('greetings').hello(ctx.msg)")
                .run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ResourceLuaModuleResolver.class);
                    assertThat(context.getBean(LuaActorProperties.class).getModules())
                        .containsExactly("classpath*:lua-modules/");
                    assertThat(ask(context, "greeter", "lua")).isEqualTo(LuaMessage.from("hello, lua"));
                });
        }
    }

    @Test
    void requiresNestedNamesFromAConfiguredClassPathLocation() {
        this.runner
            .withPropertyValues("lua-actor.modules=classpath:lua-test/modules/",
                    "lua-actor.actors.loud.handle=return require('text.upper').shout(ctx.msg)")
            .run((context) -> assertThat(ask(context, "loud", "hi")).isEqualTo(LuaMessage.from("HI!")));
    }

    @Test
    void searchesLocationsInOrderIncludingFileLocations(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("text"));
        Files.writeString(dir.resolve("text/upper.lua"), "return {shout = function(s) return 'file:' .. s end}",
                StandardCharsets.UTF_8);
        this.runner
            .withPropertyValues("lua-actor.modules=" + dir.toUri() + ",classpath:lua-test/modules/,"
                    + "classpath:lua-test/modules-b",
                    "lua-actor.actors.loud.handle=return require('text.upper').shout(ctx.msg) .. "
                            + "require('counter').next()")
            .run((context) -> assertThat(ask(context, "loud", "hi")).isEqualTo(LuaMessage.from("file:hi1")));
    }

    @Test
    void eachActorVmRunsItsOwnCopyOfAModule() {
        this.runner
            .withPropertyValues("lua-actor.modules=classpath:lua-test/modules-b/",
                    "lua-actor.actors.a.handle=return require('counter').next()",
                    "lua-actor.actors.b.handle=return require('counter').next()")
            .run((context) -> {
                assertThat(ask(context, "a", "x")).isEqualTo(LuaMessage.from(1L));
                assertThat(ask(context, "a", "x")).isEqualTo(LuaMessage.from(2L));
                assertThat(ask(context, "b", "x")).isEqualTo(LuaMessage.from(1L));
            });
    }

    @Test
    void escapesAndFilesOutsideTheLocationsAreRefused() {
        String probe = "local ok, err = pcall(require, ctx.msg) return tostring(ok) .. ' ' .. tostring(err)";
        this.runner
            .withPropertyValues("lua-actor.modules=classpath:lua-test/modules/text/",
                    "lua-actor.actors.probe.handle=" + probe)
            .run((context) -> {
                assertThat(ask(context, "probe", "upper").toJava().toString()).startsWith("true ");
                for (String escape : List.of("../modules-b/counter", "..", "/etc/passwd", "text/../upper",
                        "C:\\x")) {
                    assertThat(ask(context, "probe", escape).toJava().toString()).as(escape)
                        .startsWith("false ")
                        .contains("invalid module name");
                }
                // on the class path, but not under the configured location
                assertThat(ask(context, "probe", "modules.text.upper").toJava().toString())
                    .contains("module 'modules.text.upper' not found");
            });
    }

    @Test
    void resolverRefusesInvalidNamesBeforeTouchingAnyLocation() {
        this.runner.withPropertyValues("lua-actor.modules=classpath:lua-test/")
            .run((context) -> {
                LuaModuleResolver resolver = context.getBean(LuaModuleResolver.class);
                assertThat(resolver.resolve("modules.text.upper")).map(LuaScript::chunkName)
                    .contains("modules/text/upper.lua");
                org.assertj.core.api.Assertions
                    .assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolver.resolve("../lua-test/modules/text/upper"))
                    .withMessageContaining("invalid module name");
            });
    }

    @Test
    void userSuppliedModuleResolverReplacesTheLocations() {
        this.runner
            .withBean(LuaModuleResolver.class,
                    () -> (name) -> Optional.of(LuaScript.of(name + ".lua", "return 'custom " + name + "'")))
            .withPropertyValues("lua-actor.actors.m.handle=return require('anything')")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(ResourceLuaModuleResolver.class);
                assertThat(ask(context, "m", "x")).isEqualTo(LuaMessage.from("custom anything"));
            });
    }

}
