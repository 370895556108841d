package io.github.luaactor.spring.boot.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.BudgetExceededException;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaRecipient;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.LuaScriptResolver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The auto-configuration: discovery, YAML actors, overrides, beans, life cycle and start-up errors. */
class LuaActorAutoConfigurationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=classpath*:lua-test/discovery/*.lua");

    private static LuaMessage ask(LuaActorRef actor, Object message) throws Exception {
        return actor.send(LuaMessage.from(message)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failureOf(LuaActorRef actor, Object message) {
        CompletableFuture<LuaMessage> reply = actor.send(LuaMessage.from(message));
        return assertThatExceptionOfType(ExecutionException.class)
            .isThrownBy(() -> reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            .actual()
            .getCause();
    }

    private static LuaActorRef actor(AssertableApplicationContext context, String name) {
        return context.getBean(name, LuaActorRef.class);
    }

    // ------------------------------------------------------------------ discovery

    @Test
    void everyScriptIsAnActorBeanNamedAfterItsFile() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LuaActorSystem.class);
            assertThat(context.getBeansOfType(LuaActorRef.class)).containsOnlyKeys("counter", "greeter", "spinner");
            LuaActorSystem system = context.getBean(LuaActorSystem.class);
            assertThat(system.actors()).extracting(LuaActorRef::name)
                .containsExactlyInAnyOrder("counter", "greeter", "spinner");
            assertThat(actor(context, "counter").scriptLocation()).contains("counter.lua");
            assertThat(ask(actor(context, "counter"), "x")).isEqualTo(LuaMessage.from(1L));
            assertThat(ask(actor(context, "counter"), "x")).isEqualTo(LuaMessage.from(2L));
        });
    }

    @Test
    void siblingStartedHookRunsBeforeTheFirstMessageAndIsNotAnActor() {
        this.runner.run((context) -> {
            assertThat(context).doesNotHaveBean("greeter.started").doesNotHaveBean("greeter.stopped");
            assertThat(ask(actor(context, "greeter"), "Bob")).isEqualTo(LuaMessage.from("Hi, Bob"));
        });
    }

    @Test
    void onStartedMaySendToActorsThatStartAfterIt() {
        // "a" (discovered) starts before "z" (declared in properties), whose long script takes a while to compile;
        // a's on_started only runs once every actor exists
        String slowToCompile = "x = 1\n".repeat(50_000) + "return 'z got ' .. ctx.msg";
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/order/*.lua")
            .withPropertyValues("lua-actor.actors.z.handle=" + slowToCompile)
            .run((context) -> {
            assertThat(ask(actor(context, "a"), "?")).isEqualTo(LuaMessage.from("z got hi"));
            assertThat(actor(context, "a").statistics().lastError()).isNull();
        });
    }

    @Test
    void siblingStoppedHookRunsWhenTheContextCloses() {
        this.runner.withUserConfiguration(StopLogConfiguration.class).run((context) -> {
            StopLog log = context.getBean(StopLog.class);
            LuaActorRef greeter = actor(context, "greeter");
            assertThat(ask(greeter, "Ann")).isEqualTo(LuaMessage.from("Hi, Ann"));
            assertThat(log.entries).isEmpty();
            context.close();
            assertThat(log.entries).containsExactly("greeter stopped after Hi");
            assertThat(greeter.state()).isEqualTo(ActorState.STOPPED);
            assertThat(failureOf(greeter, "late")).hasMessageContaining("stopped");
        });
    }

    @Test
    void queuedMessagesAreHandledBeforeShutdown() {
        this.runner.run((context) -> {
            LuaActorRef counter = actor(context, "counter");
            List<CompletableFuture<LuaMessage>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(counter.send(LuaMessage.from(i)));
            }
            context.close();
            assertThat(replies).allSatisfy((reply) -> assertThat(reply).isCompleted().isNotCompletedExceptionally());
            assertThat(replies.get(49).get()).isEqualTo(LuaMessage.from(50L));
        });
    }

    @Test
    void defaultScriptLocationIsLuaActorsOnTheClassPath() throws Exception {
        URL root = getClass().getClassLoader().getResource("default-location/");
        assertThat(root).isNotNull();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { root }, getClass().getClassLoader())) {
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
                .withClassLoader(loader)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LuaActorProperties.class).getScripts())
                        .isEqualTo("classpath*:lua-actors/*.lua");
                    assertThat(context.getBeansOfType(LuaActorRef.class)).containsOnlyKeys("echo");
                    assertThat(ask(actor(context, "echo"), "ping")).isEqualTo(LuaMessage.from("ping"));
                });
        }
    }

    @Test
    void noScriptsNoActors() {
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/nothing-here/*.lua").run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LuaActorSystem.class).doesNotHaveBean(LuaActorRef.class);
        });
    }

    // ------------------------------------------------------------------ YAML actors and overrides

    @Test
    void actorsCanBeDeclaredOnlyInProperties() {
        this.runner
            .withPropertyValues("lua-actor.actors.ticker.handle=ctx.state.n = ctx.state.n + 1 return ctx.state.n",
                    "lua-actor.actors.ticker.started=ctx.state.n = 41",
                    "lua-actor.actors.audit.handle-script=classpath:lua-test/scripts/audit.lua")
            .run((context) -> {
                assertThat(context.getBeansOfType(LuaActorRef.class)).containsKeys("ticker", "audit", "greeter");
                assertThat(ask(actor(context, "ticker"), "tick")).isEqualTo(LuaMessage.from(42L));
                assertThat(ask(actor(context, "audit"), "x")).isEqualTo(LuaMessage.from("audited x"));
                assertThat(actor(context, "audit").scriptLocation()).contains("lua-test/scripts/audit.lua");
                assertThat(actor(context, "ticker").scriptLocation()).contains("lua-actor.actors.ticker.handle");
            });
    }

    @Test
    void dottedActorNamesUseBrackets() {
        this.runner.withPropertyValues("lua-actor.actors[billing.audit].handle=return 'dotted ' .. ctx.msg",
                "lua-actor.actors[billing.audit].mailbox-capacity=3")
            .run((context) -> {
                assertThat(ask(actor(context, "billing.audit"), "x")).isEqualTo(LuaMessage.from("dotted x"));
                assertThat(actor(context, "billing.audit").statistics().mailboxCapacity()).isEqualTo(3);
            });
    }

    @Test
    void propertiesOverrideTheScriptOfADiscoveredActor() {
        this.runner.withPropertyValues("lua-actor.actors.greeter.handle=return 'Yo, ' .. ctx.msg").run((context) -> {
            // the inline handler replaces greeter.lua; the discovered hooks still apply
            assertThat(ask(actor(context, "greeter"), "Al")).isEqualTo(LuaMessage.from("Yo, Al"));
        });
    }

    @Test
    void settingsComeFromDefaultsAndPerActorOverrides() {
        this.runner
            .withPropertyValues("lua-actor.defaults.mailbox-capacity=50", "lua-actor.actors.greeter.mailbox-capacity=100",
                    "lua-actor.defaults.instruction-limit=1000000", "lua-actor.actors.spinner.instruction-limit=2000")
            .run((context) -> {
                LuaActorSystem system = context.getBean(LuaActorSystem.class);
                assertThat(system.defaultSettings().mailboxCapacity()).isEqualTo(50);
                assertThat(actor(context, "greeter").statistics().mailboxCapacity()).isEqualTo(100);
                assertThat(actor(context, "counter").statistics().mailboxCapacity()).isEqualTo(50);
                // spinner runs out of its own (small) instruction budget; the default budget is plenty
                assertThat(failureOf(actor(context, "spinner"), 100_000)).isInstanceOf(BudgetExceededException.class);
                LuaActorRef other = LuaActorBuilderShortcut.start(system, "other", "spinner.lua");
                assertThat(ask(other, 1000)).isEqualTo(LuaMessage.from(500_500L));
            });
    }

    @Test
    void defaultsMapOntoActorSettings() {
        this.runner
            .withPropertyValues("lua-actor.defaults.overflow-policy=drop-oldest", "lua-actor.defaults.on-failure=restart",
                    "lua-actor.defaults.ask-timeout=3s", "lua-actor.defaults.handler-timeout=4s",
                    "lua-actor.defaults.enqueue-timeout=5ms", "lua-actor.defaults.max-string-length=64KB",
                    "lua-actor.defaults.restart.max-restarts=3", "lua-actor.defaults.restart.window=2m",
                    "lua-actor.defaults.restart.min-backoff=1ms", "lua-actor.defaults.restart.max-backoff=2s",
                    "lua-actor.shutdown.timeout=7s")
            .run((context) -> {
                ActorSettings settings = context.getBean(LuaActorSystem.class).defaultSettings();
                assertThat(settings.overflowPolicy()).isEqualTo(io.github.luaactor.core.OverflowPolicy.DROP_OLDEST);
                assertThat(settings.onFailure()).isEqualTo(io.github.luaactor.core.FailurePolicy.RESTART);
                assertThat(settings.askTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(settings.handlerTimeout()).isEqualTo(Duration.ofSeconds(4));
                assertThat(settings.enqueueTimeout()).isEqualTo(Duration.ofMillis(5));
                assertThat(settings.maxStringLength()).isEqualTo(64 * 1024);
                assertThat(settings.restart()).isEqualTo(new ActorSettings.RestartSettings(Duration.ofMillis(1),
                        Duration.ofSeconds(2), 3, Duration.ofMinutes(2)));
            });
    }

    @Test
    void perActorOverridesApplyOnlyWhatIsSet() {
        LuaActorProperties.Actor actor = new LuaActorProperties.Actor();
        actor.setAskTimeout(Duration.ofSeconds(1));
        actor.getRestart().setMaxRestarts(1);
        ActorSettings base = ActorSettings.defaults();
        ActorSettings overridden = LuaActorSettingsMapper.overrides("x", actor).apply(base);
        assertThat(overridden.askTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(overridden.restart().maxRestarts()).isEqualTo(1);
        assertThat(overridden.restart().window()).isEqualTo(base.restart().window());
        assertThat(overridden.withAskTimeout(base.askTimeout()).withRestart(base.restart())).isEqualTo(base);
    }

    @Test
    void reentrantMapsFromTheDefaultsAndPerActor() {
        this.runner
            .withPropertyValues("lua-actor.defaults.reentrant=false", "lua-actor.actors.greeter.reentrant=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                LuaActorSystem system = context.getBean(LuaActorSystem.class);
                assertThat(system.defaultSettings().reentrant()).isFalse();
                LuaActorProperties.Actor actor = new LuaActorProperties.Actor();
                actor.setReentrant(true);
                assertThat(LuaActorSettingsMapper.overrides("x", actor).apply(system.defaultSettings()).reentrant())
                    .isTrue();
            });
        LuaActorProperties.Actor unset = new LuaActorProperties.Actor();
        assertThat(LuaActorSettingsMapper.overrides("x", unset).apply(ActorSettings.defaults().withReentrant(false))
            .reentrant()).as("an unset value is inherited").isFalse();
    }

    @Test
    void disabledActorsAreNeitherBeansNorStarted() {
        this.runner
            .withPropertyValues("lua-actor.actors.counter.enabled=false",
                    "lua-actor.actors.audit.handle-script=classpath:lua-test/scripts/audit.lua",
                    "lua-actor.actors.audit.enabled=false")
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("counter").doesNotHaveBean("audit");
                assertThat(context.getBean(LuaActorSystem.class).actor("counter")).isEmpty();
                assertThat(context.getBeansOfType(LuaActorRef.class)).containsOnlyKeys("greeter", "spinner");
            });
    }

    @Test
    void luaActorEnabledFalseTurnsEverythingOff() {
        this.runner.withPropertyValues("lua-actor.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed()
                .doesNotHaveBean(LuaActorSystem.class)
                .doesNotHaveBean(LuaActorRef.class)
                .doesNotHaveBean(LuaActorProperties.class)
                .doesNotHaveBean(LuaActorLifecycle.class);
        });
    }

    // ------------------------------------------------------------------ beans

    @Test
    void actorBeansCanBeInjectedByQualifierAndUsedBeforeStart() {
        this.runner.withUserConfiguration(EarlyBirdConfiguration.class).run((context) -> {
            EarlyBird bird = context.getBean(EarlyBird.class);
            // sent from the constructor, before the actors started: queued, then delivered in order
            assertThat(bird.stateAtConstruction).isEqualTo(ActorState.STARTING);
            assertThat(bird.first.get(10, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(1L));
            assertThat(bird.second.get(10, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(2L));
            assertThat(bird.counter).isSameAs(context.getBean("counter"));
            assertThat(bird.counter.isAlive()).isTrue();
            assertThat(((DeferredLuaActorRef) bird.counter).target()).containsSame(
                    context.getBean(LuaActorSystem.class).actor("counter").orElseThrow());
        });
    }

    @Test
    void userSuppliedActorSystemIsUsed() {
        this.runner.withUserConfiguration(UserSystemConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(LuaActorSystem.class);
            LuaActorSystem system = context.getBean(LuaActorSystem.class);
            assertThat(system).isSameAs(context.getBean("mySystem"));
            assertThat(system.defaultSettings().mailboxCapacity()).isEqualTo(7);
            assertThat(system.actor("greeter")).isPresent();
            assertThat(actor(context, "greeter").statistics().mailboxCapacity()).isEqualTo(7);
            assertThat(ask(actor(context, "greeter"), "Zed")).isEqualTo(LuaMessage.from("Hi, Zed"));
        });
    }

    @Test
    void monitorsAreComposedInOrder() {
        this.runner.withUserConfiguration(MonitorConfiguration.class).run((context) -> {
            List<String> events = context.getBean("events", List.class);
            assertThat(ask(actor(context, "counter"), "x")).isEqualTo(LuaMessage.from(1L));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events).contains("first handled counter",
                    "second handled counter"));
            assertThat(events).containsSubsequence("first started counter", "second started counter");
            assertThat(events.indexOf("first handled counter")).isLessThan(events.indexOf("second handled counter"));
        });
    }

    @Test
    void vmCustomizerBeansPrepareEveryActorVm() {
        this.runner
            .withBean("region", io.github.luaactor.core.LuaVmCustomizer.class,
                    () -> io.github.luaactor.core.LuaVmCustomizer.value("region", "eu-west"))
            .withBean("shout", io.github.luaactor.core.LuaVmCustomizer.class,
                    () -> io.github.luaactor.core.LuaVmCustomizer.function("shout",
                            (LuaMessage msg) -> msg.toJava().toString().toUpperCase()))
            .withPropertyValues("lua-actor.actors.where.handle=return shout(region .. ':' .. ctx.msg)")
            .run((context) -> assertThat(ask(actor(context, "where"), "x")).isEqualTo(LuaMessage.from("EU-WEST:X")));
    }

    @Test
    void straightLineHandlersRunCompiledUnlessCompileHandlersIsFalse() {
        // A straight-line handler asks whether a compiled handler's frame is on its stack.
        ApplicationContextRunner runner = this.runner
            .withBean("compiled", io.github.luaactor.core.LuaVmCustomizer.class,
                    () -> io.github.luaactor.core.LuaVmCustomizer.function("compiled",
                            () -> StackWalker.getInstance().walk((frames) -> frames
                                .anyMatch((frame) -> frame.getClassName().startsWith("lua_actor_handler_")))))
            .withPropertyValues("lua-actor.actors.probe.handle=local c = compiled() return c");
        runner.run((context) -> assertThat(ask(actor(context, "probe"), "x")).isEqualTo(LuaMessage.from(true)));
        runner.withPropertyValues("lua-actor.compile-handlers=false")
            .run((context) -> assertThat(ask(actor(context, "probe"), "x")).isEqualTo(LuaMessage.from(false)));
    }

    @Test
    void sendsOnTheCallersThreadCanBeSwitchedOff() {
        this.runner.run((context) -> assertThat(context.getBean(LuaActorSystem.class).sendsOnCallerThread()).isTrue());
        this.runner.withPropertyValues("lua-actor.sends-on-caller-thread=false")
            .run((context) -> assertThat(context.getBean(LuaActorSystem.class).sendsOnCallerThread()).isFalse());
    }

    @Test
    void deadLettersArePublishedAsApplicationEvents() {
        this.runner.withUserConfiguration(DeadLetterConfiguration.class)
            .withPropertyValues("lua-actor.actors.caller.handle=return ctx.send('nobody', ctx.msg)")
            .run((context) -> {
                // a recipient that does not exist: the Lua call fails and the message becomes a dead letter
                Throwable failure = failureOf(actor(context, "caller"), "hello?");
                assertThat(failure).isInstanceOf(LuaScriptException.class).hasMessageContaining("nobody");
                List<DeadLetter> letters = context.getBean(DeadLetterConfiguration.class).letters;
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(letters).anySatisfy((letter) -> {
                    assertThat(letter.actor()).isEqualTo("nobody");
                    assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.UNKNOWN_RECIPIENT);
                    assertThat(letter.sender()).isEqualTo("caller");
                    assertThat(letter.message()).isEqualTo(LuaMessage.from("hello?"));
                }));
            });
    }

    @Test
    void newActorResolvesScriptsInTheScriptsLocation() {
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/spawn/*.lua").run((context) -> {
            assertThat(context).hasSingleBean(LuaScriptResolver.class);
            LuaActorRef spawner = actor(context, "spawner");
            assertThat(ask(spawner, LuaMessage.table("script", "doubler", "name", "d1", "body", 21)))
                .isEqualTo(LuaMessage.from(42L));
            assertThat(context.getBean(LuaActorSystem.class).actor("d1")).isPresent();
            assertThat(failureOf(spawner, LuaMessage.table("script", "../discovery/counter", "body", 1)))
                .hasMessageContaining("no script");
            LuaScriptResolver resolver = context.getBean(LuaScriptResolver.class);
            assertThat(resolver.resolve("doubler")).hasValueSatisfying((script) -> {
                assertThat(script.chunkName()).isEqualTo("doubler.lua");
                assertThat(script.source()).contains("ctx.msg * 2");
            });
            assertThat(resolver.resolve("doubler.lua")).isPresent();
            assertThat(resolver.resolve("missing")).isEmpty();
        });
    }

    @Test
    void noScriptLocationResolvesNothing() {
        ResourceLuaScriptResolver resolver = new ResourceLuaScriptResolver("",
                new org.springframework.core.io.support.PathMatchingResourcePatternResolver());
        assertThat(resolver.resolve("lua-test/spawn/doubler")).isEmpty();
        ResourceLuaScriptResolver spawn = new ResourceLuaScriptResolver("classpath*:lua-test/spawn/*.lua",
                new org.springframework.core.io.support.PathMatchingResourcePatternResolver());
        assertThat(spawn.resolve("doubler")).isPresent();
        assertThat(spawn.resolve("../spawn/doubler")).isEmpty();
        assertThat(spawn.resolve(".hidden")).isEmpty();
    }

    @Test
    void userSuppliedResolverIsUsed() {
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/spawn/*.lua")
            .withBean(LuaScriptResolver.class, () -> (name) -> java.util.Optional
                .of(io.github.luaactor.core.LuaScript.of(name + ".lua", "return 'custom ' .. ctx.msg")))
            .run((context) -> {
                assertThat(ask(actor(context, "spawner"), LuaMessage.table("script", "anything", "body", "x")))
                    .isEqualTo(LuaMessage.from("custom x"));
            });
    }

    // ------------------------------------------------------------------ start-up errors

    @Test
    void unknownKeyUnderAnActorFailsBinding() {
        this.runner.withPropertyValues("lua-actor.actors.greeter.mailbox-capacty=5").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(UnboundConfigurationPropertiesException.class)
                .hasMessageContaining("lua-actor.actors.greeter.mailbox-capacty");
        });
    }

    @Test
    void badValueFailsBinding() {
        this.runner.withPropertyValues("lua-actor.actors.greeter.mailbox-capacity=lots").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(BindException.class)
                .hasMessageContaining("lua-actor.actors.greeter.mailbox-capacity");
        });
        this.runner.withPropertyValues("lua-actor.defaults.overflow-policy=sometimes").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("lua-actor.defaults.overflow-policy");
        });
    }

    @Test
    void invalidSettingFailsNamingTheActor() {
        this.runner.withPropertyValues("lua-actor.actors.greeter.mailbox-capacity=-1").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("'greeter'")
                .hasMessageContaining("mailboxCapacity must be >= 0");
        });
    }

    @Test
    void syntaxErrorFailsStartUpNamingFileAndLine() {
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/broken/*.lua").run((context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).hasStackTraceContaining("broken.lua").hasStackTraceContaining("line 3");
            FailureAnalysis analysis = new LuaActorFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("Lua actor 'broken'")
                .contains("lua-test/broken/broken.lua] does not compile (line 3)")
                .contains("unexpected symbol");
            assertThat(analysis.getAction()).contains("Fix line 3 of").contains("broken.lua");
        });
    }

    @Test
    void failureAnalyzersAreRegistered() {
        // other analyzers need constructor arguments: skip those that cannot be instantiated here
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
            })))
            .hasAtLeastOneElementOfType(LuaActorFailureAnalyzer.class)
            .hasAtLeastOneElementOfType(LuaScriptFailureAnalyzer.class);
    }

    @Test
    void actorsStartedBeforeAFailingOneAreStopped() {
        LuaActorSystem outliving = LuaActorSystem.create();
        try {
            this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/partial/*.lua")
                // "": the context does not close this system
                .withBean("outliving", LuaActorSystem.class, () -> outliving,
                        (definition) -> definition.setDestroyMethodName(""))
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("Lua actor 'b' failed to start");
                });
            // "a" started before "b" failed; the system is not closed, but "a" was stopped
            await().atMost(TIMEOUT).until(() -> outliving.actor("a").isEmpty());
        }
        finally {
            outliving.close();
        }
    }

    @Test
    void syntaxErrorInInlineScriptNamesTheProperty() {
        this.runner.withPropertyValues("lua-actor.actors.bad.handle=return (").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("lua-actor.actors.bad.handle")
                .hasStackTraceContaining("line 1");
        });
    }

    @Test
    void actorNameClashingWithAnotherBeanFailsNamingBoth() {
        this.runner.withUserConfiguration(ClashingBeanConfiguration.class).run((context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("Lua actor 'greeter'")
                .hasMessageContaining("greeter.lua")
                .hasMessageContaining("bean 'greeter'")
                .hasMessageContaining("ClashingBeanConfiguration");
            FailureAnalysis analysis = new LuaActorFailureAnalyzer().analyze(failure);
            assertThat(analysis.getAction()).contains("Rename");
        });
    }

    @Test
    void hookWithoutActorFails() {
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/orphan/*.lua").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("lonely.started.lua")
                .hasMessageContaining("lonely.lua");
        });
    }

    @Test
    void twoScriptsWithTheSameNameFail() {
        this.runner.withPropertyValues("lua-actor.scripts=classpath*:lua-test/dup-*/*.lua").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("dup-a")
                .hasMessageContaining("dup-b");
        });
    }

    @Test
    void propertyActorWithoutHandlerFails() {
        this.runner.withPropertyValues("lua-actor.actors.ghost.mailbox-capacity=5").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("'ghost'")
                .hasMessageContaining("no handler script");
            assertThat(((LuaActorConfigurationException) context.getStartupFailure()).getAction())
                .contains("lua-actor.actors.ghost.handle", "lua-actor.actors.ghost.handle-script", "ghost.lua");
        });
    }

    @Test
    void inlineAndScriptHandlerTogetherFail() {
        this.runner
            .withPropertyValues("lua-actor.actors.audit.handle=return 1",
                    "lua-actor.actors.audit.handle-script=classpath:lua-test/scripts/audit.lua")
            .run((context) -> assertThat(context.getStartupFailure())
                .isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("lua-actor.actors.audit.handle-script"));
    }

    @Test
    void missingHandlerScriptFails() {
        this.runner.withPropertyValues("lua-actor.actors.audit.handle-script=classpath:lua-test/scripts/nope.lua")
            .run((context) -> assertThat(context.getStartupFailure())
                .isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("No Lua script found")
                .hasMessageContaining("nope.lua"));
    }

    // ------------------------------------------------------------------ configurations

    /** Starts an actor from one of the discovery scripts in a given system. */
    static final class LuaActorBuilderShortcut {

        static LuaActorRef start(LuaActorSystem system, String name, String file) throws Exception {
            var resource = new org.springframework.core.io.ClassPathResource("lua-test/discovery/" + file);
            return io.github.luaactor.core.LuaActorBuilder.create()
                .name(name)
                .onHandle(LuaActorBeanRegistrar.read(resource))
                .start(system);
        }

    }

    @LuaRecipient("stopLog")
    static class StopLog implements LuaMessageHandler {

        final List<String> entries = new CopyOnWriteArrayList<>();

        @Override
        public LuaMessage handle(LuaMessage msg) {
            this.entries.add((String) msg.toJava());
            return LuaMessage.NIL;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class StopLogConfiguration {

        @Bean
        StopLog stopLog() {
            return new StopLog();
        }

    }

    static class EarlyBird {

        final LuaActorRef counter;

        final ActorState stateAtConstruction;

        final CompletableFuture<LuaMessage> first;

        final CompletableFuture<LuaMessage> second;

        EarlyBird(LuaActorRef counter) {
            this.counter = counter;
            this.stateAtConstruction = counter.state();
            this.first = counter.send(LuaMessage.from("a"));
            this.second = counter.send(LuaMessage.from("b"));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class EarlyBirdConfiguration {

        @Bean
        EarlyBird earlyBird(@Qualifier("counter") LuaActorRef counter) {
            return new EarlyBird(counter);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserSystemConfiguration {

        @Bean(destroyMethod = "close")
        LuaActorSystem mySystem() {
            return LuaActorSystem.builder().defaults(ActorSettings.defaults().withMailboxCapacity(7)).build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class MonitorConfiguration {

        @Bean
        List<String> events() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        @Order(2)
        LuaActorMonitor second(List<String> events) {
            return recording("second", events);
        }

        @Bean
        @Order(1)
        LuaActorMonitor first(List<String> events) {
            return recording("first", events);
        }

        private static LuaActorMonitor recording(String id, List<String> events) {
            return new LuaActorMonitor() {
                @Override
                public Probe actorStarted(LuaActorRef actor) {
                    events.add(id + " started " + actor.name());
                    return (wait, run, success) -> events.add(id + " handled " + actor.name());
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class DeadLetterConfiguration {

        final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

        @EventListener
        void on(DeadLetter letter) {
            this.letters.add(letter);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingBeanConfiguration {

        @Bean
        String greeter() {
            return "not an actor";
        }

    }

}
