package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaRecipient;
import io.github.luaactor.core.LuaScriptException;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** {@code @LuaRecipient} on classes and methods, argument and return conversion, and recipient mistakes. */
class LuaRecipientTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One Lua actor, "caller", that forwards {@code body} to the recipient named {@code to} and returns the reply. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=", "lua-actor.actors.caller.handle=return ctx.send(ctx.msg.to, ctx.msg.body)");

    private static LuaMessage call(AssertableApplicationContext context, String recipient, Object body)
            throws Exception {
        return callAsync(context, recipient, body).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static CompletableFuture<LuaMessage> callAsync(AssertableApplicationContext context, String recipient,
            Object body) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("to", recipient);
        msg.put("body", body);
        return context.getBean("caller", LuaActorRef.class).send(LuaMessage.from(msg));
    }

    private static Throwable callFailure(AssertableApplicationContext context, String recipient, Object body) {
        CompletableFuture<LuaMessage> reply = callAsync(context, recipient, body);
        return assertThatExceptionOfType(ExecutionException.class)
            .isThrownBy(() -> reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            .actual()
            .getCause();
    }

    // ------------------------------------------------------------------ classes

    @Test
    void classImplementingLuaMessageHandlerIsARecipient() {
        this.runner.withBean(Directory.class).run((context) -> {
            assertThat(call(context, "directory", "ada")).isEqualTo(LuaMessage.from("ADA"));
            assertThat(context.getBean(LuaRecipientBeanPostProcessor.class).recipients()).containsKey("directory");
        });
    }

    @Test
    void recipientNamesMayUsePlaceholders() {
        this.runner.withBean(PlaceholderDirectory.class)
            .withPropertyValues("app.directory-name=people")
            .run((context) -> assertThat(call(context, "people", "bo")).isEqualTo(LuaMessage.from("BO")));
    }

    @Test
    void javaCanSendToRecipientsThroughLuaOnly() {
        // recipients are registered with the system before any actor starts, so on_started may call them
        this.runner.withBean(Directory.class)
            .withPropertyValues("lua-actor.actors.early.handle=return ctx.state.name",
                    "lua-actor.actors.early.started=ctx.state.name = ctx.send('directory', 'eve')")
            .run((context) -> assertThat(context.getBean("early", LuaActorRef.class)
                .send(LuaMessage.NIL)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("EVE")));
    }

    // ------------------------------------------------------------------ methods, each conversion

    @Test
    void stringArgumentAndReturn() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "upper", "abc")).isEqualTo(LuaMessage.from("ABC"));
            assertThat(callFailure(context, "upper", 12)).isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("expects String")
                .hasMessageContaining("number");
        });
    }

    @Test
    void byteArrayArgumentsTakeAnyLuaStringExactly() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "firstByte", new LuaMessage.Bytes(new byte[] {(byte) 0xff, 0})))
                .isEqualTo(LuaMessage.from("2:255"));
            assertThat(call(context, "firstByte", "\u00e9")).isEqualTo(LuaMessage.from("2:195"));
            assertThat(call(context, "upper", new LuaMessage.Bytes(new byte[] {'a', (byte) 0xff})))
                .as("a String parameter reads bytes that are not UTF-8 with replacement characters")
                .isEqualTo(LuaMessage.from("A\ufffd"));
            assertThat(callFailure(context, "firstByte", 12)).hasMessageContaining("expects byte[]");
        });
    }

    @Test
    void longArguments() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "plusOne", 41)).isEqualTo(LuaMessage.from(42L));
            assertThat(call(context, "boxedPlusOne", 9)).isEqualTo(LuaMessage.from(10L));
            assertThat(call(context, "boxedPlusOne", null)).isEqualTo(LuaMessage.from("nil"));
            assertThat(callFailure(context, "plusOne", 1.5)).hasMessageContaining("expects long");
        });
    }

    @Test
    void intArgument() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "twice", 21)).isEqualTo(LuaMessage.from(42L));
            assertThat(callFailure(context, "twice", 10_000_000_000L)).hasMessageContaining("out of range");
        });
    }

    @Test
    void doubleArgument() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "half", 3)).isEqualTo(LuaMessage.from(1.5));
            assertThat(call(context, "half", 5.0)).isEqualTo(LuaMessage.from(2.5));
        });
    }

    @Test
    void booleanArgument() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "not", true)).isEqualTo(LuaMessage.from(false));
            assertThat(callFailure(context, "not", "yes")).hasMessageContaining("expects boolean");
        });
    }

    @Test
    void mapArgumentAndReturn() {
        this.runner.withBean(Conversions.class).run((context) -> {
            LuaMessage reply = call(context, "describe", Map.of("name", "ada", "age", 36));
            assertThat(reply.toJava()).isEqualTo(Map.of("name", "ada", "age", 36L, "seen", true));
            assertThat(callFailure(context, "describe", "ada")).hasMessageContaining("expects Map");
        });
    }

    @Test
    void listArgumentAndReturn() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "reverse", List.of("a", "b", 3)).toJava()).isEqualTo(List.of(3L, "b", "a"));
            assertThat(callFailure(context, "reverse", Map.of("k", "v"))).hasMessageContaining("expects List");
        });
    }

    @Test
    void wrapperArgumentsTakeNilAsNull() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "boxedTwice", 21)).isEqualTo(LuaMessage.from(42L));
            assertThat(call(context, "boxedTwice", null)).isEqualTo(LuaMessage.from("nil"));
            assertThat(callFailure(context, "boxedTwice", "21")).hasMessageContaining("expects Integer");
            assertThat(call(context, "boxedHalf", 3)).isEqualTo(LuaMessage.from(1.5));
            assertThat(call(context, "boxedHalf", null)).isEqualTo(LuaMessage.from("nil"));
            assertThat(callFailure(context, "boxedHalf", true)).hasMessageContaining("expects Double");
            assertThat(call(context, "boxedNot", false)).isEqualTo(LuaMessage.from(true));
            assertThat(call(context, "boxedNot", null)).isEqualTo(LuaMessage.from("nil"));
            assertThat(callFailure(context, "boxedNot", 1)).hasMessageContaining("expects Boolean");
        });
    }

    @Test
    void nilToAPrimitiveIsALuaError() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(callFailure(context, "plusOne", null)).isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("expects long")
                .hasMessageContaining("nil");
            assertThat(callFailure(context, "twice", null)).hasMessageContaining("expects int");
            assertThat(callFailure(context, "half", null)).hasMessageContaining("expects double");
            assertThat(callFailure(context, "not", null)).hasMessageContaining("expects boolean");
        });
    }

    @Test
    void emptyTableIsAnEmptyList() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "size", List.of())).isEqualTo(LuaMessage.from(0L));
            assertThat(call(context, "size", List.of("a", "b"))).isEqualTo(LuaMessage.from(2L));
            // an empty Java list goes back to Lua as an empty table
            assertThat(call(context, "reverse", List.of())).isInstanceOf(LuaMessage.Table.class)
                .satisfies((reply) -> assertThat(((LuaMessage.Table) reply).entries()).isEmpty());
        });
    }

    @Test
    void integerMapKeysBecomeStrings() {
        this.runner.withBean(Conversions.class).run((context) -> {
            Map<Object, Object> sparse = new LinkedHashMap<>();
            sparse.put(1L, "a");
            sparse.put(5L, "b");
            sparse.put("name", "c");
            assertThat(call(context, "keys", sparse).toJava()).isEqualTo(List.of("1", "5", "name"));
            // a list table is a map too, keyed "1".."n"
            assertThat(call(context, "keys", List.of("x", "y")).toJava()).isEqualTo(List.of("1", "2"));
        });
    }

    @Test
    void luaMessageArgumentAndReturn() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(call(context, "raw", LuaMessage.table("x", 1))).isEqualTo(LuaMessage.from("table"));
        });
    }

    @Test
    void voidReturnsNilAndNoArgumentIsAllowed() {
        this.runner.withBean(Conversions.class).run((context) -> {
            Conversions conversions = context.getBean(Conversions.class);
            assertThat(call(context, "sink", "kept")).isEqualTo(LuaMessage.NIL);
            assertThat(conversions.sunk).containsExactly("kept");
            assertThat(call(context, "ping", "ignored")).isEqualTo(LuaMessage.from("pong"));
            assertThat(call(context, "plain", Map.of("a", List.of(1, 2)))).isEqualTo(LuaMessage.from("Map"));
        });
    }

    @Test
    void exceptionBecomesALuaErrorAtTheCallSite() {
        this.runner.withBean(Conversions.class).run((context) -> {
            assertThat(callFailure(context, "fail", "x")).isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("no such customer: x");
        });
    }

    @Test
    void completionStageKeepsTheLuaHandlerSuspendedUntilItCompletes() {
        this.runner.withBean(Conversions.class).run((context) -> {
            Conversions conversions = context.getBean(Conversions.class);
            CompletableFuture<LuaMessage> reply = callAsync(context, "later", "slow");
            await().atMost(TIMEOUT).until(() -> conversions.pending.size() == 1);
            assertThat(reply).isNotDone();
            LuaActorRef caller = context.getBean("caller", LuaActorRef.class);
            assertThat(caller.statistics().suspended()).isEqualTo(1);
            conversions.pending.get(0).complete("done: slow");
            assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("done: slow"));
        });
    }

    @Test
    void failedCompletionStageBecomesALuaError() {
        this.runner.withBean(Conversions.class).run((context) -> {
            Conversions conversions = context.getBean(Conversions.class);
            CompletableFuture<LuaMessage> reply = callAsync(context, "later", "x");
            await().atMost(TIMEOUT).until(() -> conversions.pending.size() == 1);
            conversions.pending.get(0).completeExceptionally(new IllegalStateException("backend down"));
            assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .withMessageContaining("backend down");
        });
    }

    @Test
    void neverCompletingStageIsCancelledOnceNoCallerCanWaitForIt() {
        this.runner.withBean(Conversions.class)
            .withPropertyValues("lua-actor.defaults.ask-timeout=300ms")
            .run((context) -> {
                Conversions conversions = context.getBean(Conversions.class);
                assertThat(callFailure(context, "later", "forever")).isInstanceOf(LuaScriptException.class)
                    .hasMessageContaining("timeout");
                // on a loaded machine the 300 ms may run out before the recipient method is even called
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(conversions.pending).hasSize(1));
                // the adapter gives up too, instead of keeping its virtual thread parked for ever
                await().atMost(TIMEOUT).until(() -> conversions.pending.get(0).isCancelled());
            });
    }

    @Test
    void waitIsBoundedByTheLongestAskTimeoutOfAnyActor() {
        this.runner.withBean(Conversions.class)
            .withPropertyValues("lua-actor.defaults.ask-timeout=100ms", "lua-actor.actors.caller.ask-timeout=60s")
            .run((context) -> {
                Conversions conversions = context.getBean(Conversions.class);
                CompletableFuture<LuaMessage> reply = callAsync(context, "later", "slow");
                await().atMost(TIMEOUT).until(() -> conversions.pending.size() == 1);
                // well past the default ask timeout, the caller (60 s) still waits, so the stage must live on
                Thread.sleep(500);
                assertThat(conversions.pending.get(0)).isNotCancelled();
                conversions.pending.get(0).complete("late");
                assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("late"));
            });
    }

    @Test
    void shutdownReleasesCallsWaitingForAStage() {
        List<CompletableFuture<String>> pending = new ArrayList<>();
        // the suspended caller would otherwise hold up shutdown for the whole shutdown timeout
        this.runner.withBean(Conversions.class).withPropertyValues("lua-actor.shutdown.timeout=500ms").run((context) -> {
            Conversions conversions = context.getBean(Conversions.class);
            callAsync(context, "later", "forever");
            await().atMost(TIMEOUT).until(() -> conversions.pending.size() == 1);
            pending.addAll(conversions.pending);
        });
        // the context is closed: with the 30 s default ask timeout, only shutdown can have cancelled it this soon
        await().atMost(TIMEOUT).until(() -> pending.get(0).isCancelled());
    }

    @Test
    void proxiedBeansAreFoundThroughTheirTargetClass() {
        this.runner.withUserConfiguration(ProxyConfiguration.class).run((context) -> {
            assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean("proxied"))).isTrue();
            assertThat(call(context, "upper", "proxy")).isEqualTo(LuaMessage.from("PROXY"));
        });
    }

    @Test
    void lazyRecipientIsRegisteredWhenCreated() {
        this.runner.withUserConfiguration(LazyConfiguration.class).run((context) -> {
            assertThat(callFailure(context, "directory", "x")).hasMessageContaining("directory");
            context.getBean(Directory.class);
            assertThat(call(context, "directory", "x")).isEqualTo(LuaMessage.from("X"));
        });
    }

    @Test
    void recipientsAreCreatedEvenWithLazyInitialization() {
        this.runner.withBean(Directory.class)
            .withBean(Conversions.class)
            .withInitializer((context) -> context
                .addBeanFactoryPostProcessor(new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
            .run((context) -> {
                // everything is lazy except recipients, which must exist to be registered
                assertThat(context.getBeanFactory().getBeanDefinition("caller").isLazyInit()).isTrue();
                assertThat(context.getBeanFactory().getBeanDefinition("luaRecipientTests.Directory").isLazyInit())
                    .isFalse();
                assertThat(context.getBeanFactory().containsSingleton("luaRecipientTests.Directory")).isTrue();
                assertThat(call(context, "directory", "lazy")).isEqualTo(LuaMessage.from("LAZY"));
                assertThat(call(context, "ping", null)).isEqualTo(LuaMessage.from("pong"));
            });
    }

    // ------------------------------------------------------------------ mistakes

    @Test
    void duplicateNameFailsNamingBothBeans() {
        this.runner.withBean("first", Directory.class).withBean("second", Directory.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("'directory' is used twice")
                .hasMessageContaining("bean 'first'")
                .hasMessageContaining("bean 'second'");
        });
    }

    @Test
    void nameUsedByAnActorFailsNamingBoth() {
        this.runner.withBean(Directory.class)
            .withPropertyValues("lua-actor.actors.directory.handle=return 1")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(LuaActorConfigurationException.class)
                    .hasMessageContaining("Lua actor 'directory'")
                    .hasMessageContaining(Directory.class.getName());
            });
    }

    @Test
    void blankNameFails() {
        this.runner.withBean(Blank.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("has no name")
                .hasMessageContaining(Blank.class.getName());
        });
    }

    @Test
    void unresolvablePlaceholderFails() {
        this.runner.withBean(PlaceholderDirectory.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("${app.directory-name}")
                .hasMessageContaining("cannot be resolved");
        });
    }

    @Test
    void annotatedClassThatIsNoHandlerFails() {
        this.runner.withBean(NotAHandler.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(LuaActorConfigurationException.class)
                .hasMessageContaining("does not implement")
                .hasMessageContaining(NotAHandler.class.getName());
        });
    }

    @Test
    void unsupportedMethodSignaturesFail() {
        this.runner.withBean(BadParameter.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("unsupported parameter type java.util.Date")
                .hasMessageContaining("BadParameter.when");
        });
        this.runner.withBean(TwoParameters.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("more than one parameter");
        });
        this.runner.withBean(StaticMethod.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("StaticMethod.shout(String)")
                .hasMessageContaining("is static");
        });
        this.runner.withBean(BadReturn.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("unsupported return type java.lang.Thread");
        });
    }

    @Test
    void missingRecipientIsALuaErrorNotAStartUpFailure() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(callFailure(context, "nobody", "x")).isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("unknown recipient 'nobody'");
        });
    }

    @Test
    void recipientsAreRegisteredInTheActorSystem() {
        this.runner.withBean(Directory.class).run((context) -> {
            LuaActorSystem system = context.getBean(LuaActorSystem.class);
            assertThat(system.removeRecipient("directory")).isTrue();
        });
    }

    // ------------------------------------------------------------------ beans

    @LuaRecipient("directory")
    static class Directory implements LuaMessageHandler {

        @Override
        public LuaMessage handle(LuaMessage msg) {
            return LuaMessage.from(msg.toJava().toString().toUpperCase());
        }

    }

    @LuaRecipient("${app.directory-name}")
    static class PlaceholderDirectory extends Directory {

    }

    @LuaRecipient("  ")
    static class Blank extends Directory {

    }

    @LuaRecipient("oops")
    static class NotAHandler {

    }

    static class BadParameter {

        @LuaRecipient("when")
        String when(Date date) {
            return date.toString();
        }

    }

    static class TwoParameters {

        @LuaRecipient("pair")
        String pair(String a, String b) {
            return a + b;
        }

    }

    static class StaticMethod {

        @LuaRecipient("shout")
        static String shout(String text) {
            return text.toUpperCase();
        }

    }

    static class BadReturn {

        @LuaRecipient("thread")
        Thread thread(String name) {
            return new Thread(name);
        }

    }

    public static class Conversions {

        final List<String> sunk = new CopyOnWriteArrayList<>();

        final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();

        @LuaRecipient("upper")
        public String upper(String text) {
            return text.toUpperCase();
        }

        @LuaRecipient("firstByte")
        public String firstByte(byte[] raw) {
            return raw.length + ":" + (raw[0] & 0xff);
        }

        @LuaRecipient("plusOne")
        public long plusOne(long n) {
            return n + 1;
        }

        @LuaRecipient("boxedPlusOne")
        public Object boxedPlusOne(Long n) {
            return (n != null) ? n + 1 : "nil";
        }

        @LuaRecipient("twice")
        int twice(int n) {
            return n * 2;
        }

        @LuaRecipient("boxedTwice")
        public Object boxedTwice(Integer n) {
            return (n != null) ? n * 2 : "nil";
        }

        @LuaRecipient("boxedHalf")
        public Object boxedHalf(Double d) {
            return (d != null) ? d / 2 : "nil";
        }

        @LuaRecipient("boxedNot")
        public Object boxedNot(Boolean b) {
            return (b != null) ? !b : "nil";
        }

        @LuaRecipient("size")
        public int size(List<?> items) {
            return items.size();
        }

        @LuaRecipient("keys")
        public List<String> keys(Map<String, Object> map) {
            return new ArrayList<>(map.keySet());
        }

        @LuaRecipient("half")
        public double half(double d) {
            return d / 2;
        }

        @LuaRecipient("not")
        public boolean not(boolean b) {
            return !b;
        }

        @LuaRecipient("describe")
        public Map<String, Object> describe(Map<String, Object> person) {
            Map<String, Object> copy = new LinkedHashMap<>(person);
            copy.put("seen", true);
            return copy;
        }

        @LuaRecipient("reverse")
        public List<?> reverse(List<?> items) {
            List<Object> reversed = new ArrayList<>(items);
            java.util.Collections.reverse(reversed);
            return reversed;
        }

        @LuaRecipient("raw")
        public LuaMessage raw(LuaMessage msg) {
            return LuaMessage.from(msg.luaType());
        }

        @LuaRecipient("sink")
        public void sink(String text) {
            this.sunk.add(text);
        }

        @LuaRecipient("ping")
        public String ping() {
            return "pong";
        }

        @LuaRecipient("plain")
        public String plain(Object value) {
            return (value instanceof Map) ? "Map" : value.getClass().getSimpleName();
        }

        @LuaRecipient("fail")
        public String fail(String id) {
            throw new IllegalArgumentException("no such customer: " + id);
        }

        @LuaRecipient("later")
        public CompletionStage<String> later(String text) {
            CompletableFuture<String> future = new CompletableFuture<>();
            this.pending.add(future);
            return future;
        }

    }

    public static class Upper {

        @LuaRecipient("upper")
        public String upper(String text) {
            return text.toUpperCase();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ProxyConfiguration {

        @Bean
        Object proxied() {
            ProxyFactory factory = new ProxyFactory(new Upper());
            factory.setProxyTargetClass(true);
            return factory.getProxy();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LazyConfiguration {

        @Bean
        @Lazy
        Directory directory() {
            return new Directory();
        }

    }

}
