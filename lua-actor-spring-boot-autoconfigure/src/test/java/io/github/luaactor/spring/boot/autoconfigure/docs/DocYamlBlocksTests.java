package io.github.luaactor.spring.boot.autoconfigure.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.spring.boot.actuate.LuaActorEndpointAutoConfiguration;
import io.github.luaactor.spring.boot.actuate.LuaActorHealthContributorAutoConfiguration;
import io.github.luaactor.spring.boot.actuate.LuaActorsEndpoint;
import io.github.luaactor.spring.boot.actuate.LuaActorsHealthIndicator;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML examples of docs/configuration.md and docs/observability.md, read from the docs as they are and loaded as
 * an application.yml, do what the docs say (listed in lua-actor-core's DocCodeBlocksTest).
 */
class DocYamlBlocksTests {

    private static final Path DOCS = Path.of("../docs");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class));

    @Test
    void configurationQuickStartBinds() throws IOException {
        String yaml = yamlBlock("configuration.md", 1);
        assertThat(yaml).contains("greeter:", "ticker:", "audit:");
        this.runner.withBean(Directory.class)
            .withInitializer((context) -> addYaml(context.getEnvironment(), yaml))
            // the quick start discovers lua-actors/*.lua of an application; this test's greeter.lua lives elsewhere
            .withPropertyValues("lua-actor.scripts=classpath*:docs-examples/greeter.lua")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                LuaActorRef greeter = context.getBean("greeter", LuaActorRef.class);
                assertThat(greeter.statistics().mailboxCapacity()).isEqualTo(100);
                LuaActorRef ticker = context.getBean("ticker", LuaActorRef.class);
                assertThat(ticker.statistics().mailboxCapacity()).isEqualTo(10000);
                // "tick" from notify_later may or may not have arrived yet: the count is 1 or 2
                assertThat((Long) ticker.send(LuaMessage.from("now")).get(10, TimeUnit.SECONDS).toJava())
                    .isBetween(1L, 2L);
                assertThat(context).doesNotHaveBean("audit");
            });
    }

    @Test
    void observabilityApplicationYmlSetsUpActuator() throws IOException {
        String yaml = yamlBlock("observability.md", 1);
        this.runner
            .withConfiguration(AutoConfigurations.of(LuaActorHealthContributorAutoConfiguration.class,
                    LuaActorEndpointAutoConfiguration.class))
            .withInitializer((context) -> addYaml(context.getEnvironment(), yaml))
            .withPropertyValues("lua-actor.scripts=", "lua-actor.actors.greeter.handle=return 'hi ' .. ctx.msg")
            .run((context) -> {
                assertThat(context).hasSingleBean(LuaActorsEndpoint.class);
                assertThat(context.getBean(LuaActorsHealthIndicator.class).health().getDetails())
                    .containsEntry("mailboxWarningRatio", 0.9);
                Binder binder = Binder.get(context.getEnvironment());
                assertThat(binder.bind("management.endpoints.web.exposure.include", String[].class).get())
                    .containsExactly("health", "metrics", "prometheus", "luaactors");
                assertThat(binder.bind("management.endpoint.luaactors.access", String.class).get())
                    .isEqualTo("read-only");
                assertThat(binder.bind("management.endpoint.health.show-details", String.class).get())
                    .isEqualTo("always");
            });
    }

    @Test
    void observabilityStatusMappingDegradesHealth() throws IOException {
        String yaml = yamlBlock("observability.md", 2);
        this.runner
            .withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
                    org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class))
            .withInitializer((context) -> addYaml(context.getEnvironment(), yaml))
            .withPropertyValues("management.endpoints.web.exposure.include=health")
            .run((context) -> {
                Status warning = new Status("MAILBOX_WARNING");
                assertThat(context.getBean(StatusAggregator.class).getAggregateStatus(Status.UP, warning))
                    .isEqualTo(warning);
                assertThat(context.getBean(StatusAggregator.class).getAggregateStatus(Status.DOWN, warning))
                    .isEqualTo(Status.DOWN);
                assertThat(context.getBean(HttpCodeStatusMapper.class).getStatusCode(warning)).isEqualTo(503);
            });
    }

    @Test
    void observabilityProductionSetUpBinds() throws IOException {
        String yaml = yamlBlock("observability.md", 3);
        assertThat(yaml).contains("port: 8081");
        this.runner
            .withConfiguration(AutoConfigurations.of(LuaActorHealthContributorAutoConfiguration.class,
                    LuaActorEndpointAutoConfiguration.class))
            .withInitializer((context) -> addYaml(context.getEnvironment(), yaml))
            .withPropertyValues("lua-actor.scripts=", "lua-actor.actors.greeter.handle=return 'hi ' .. ctx.msg")
            .run((context) -> {
                assertThat(context).hasSingleBean(LuaActorsEndpoint.class);
                LuaActorsEndpoint endpoint = context.getBean(LuaActorsEndpoint.class);
                // 64KB is the limit: a reload of 64 KiB + 1 byte is refused
                String source = "return 1 --" + "x".repeat(64 * 1024 - 10);
                assertThat(source).hasSize(64 * 1024 + 1);
                org.assertj.core.api.Assertions
                    .assertThatExceptionOfType(io.github.luaactor.spring.boot.actuate.LuaActorsEndpointException.class)
                    .isThrownBy(() -> endpoint.reload("greeter", "reload", source))
                    .satisfies((e) -> assertThat(e.body()).containsEntry("limit", 64L * 1024));
                Binder binder = Binder.get(context.getEnvironment());
                assertThat(binder.bind("management.server.port", Integer.class).get()).isEqualTo(8081);
                assertThat(binder.bind("management.endpoints.web.exposure.include", String[].class).get())
                    .containsExactly("health", "prometheus", "luaactors");
                assertThat(binder.bind("management.endpoint.health.show-details", String.class).get())
                    .isEqualTo("when-authorized");
                assertThat(binder.bind("management.endpoint.health.roles", String[].class).get())
                    .containsExactly("LUA_ADMIN");
                assertThat(binder.bind("management.endpoint.luaactors.access", String.class).get())
                    .isEqualTo("unrestricted");
                assertThat(binder.bind("lua-actor.health.stopped-actor-status", String.class).get())
                    .isEqualTo("DOWN");
            });
    }

    /** The {@code n}th yaml block of a doc, as written. */
    static String yamlBlock(String doc, int n) throws IOException {
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOCS.resolve(doc), StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("yaml blocks of %s", doc).hasSizeGreaterThanOrEqualTo(n);
        return blocks.get(n - 1);
    }

    private static void addYaml(org.springframework.core.env.ConfigurableEnvironment environment, String yaml) {
        // as SpringApplication does: values such as "read-only" for an enum need Boot's lenient conversion
        environment.setConversionService(
                (org.springframework.core.convert.support.ConfigurableConversionService) ApplicationConversionService
                    .getSharedInstance());
        org.springframework.core.env.MutablePropertySources sources = environment.getPropertySources();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("doc.yml",
                    new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
                // last, so that what a test sets explicitly wins
                sources.addLast(source);
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
