package io.github.luaactor.spring.boot.autoconfigure.docs;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the code that README.md and docs/recipients.md copy (Directory, Greetings, Customers and their scripts). */
@SpringBootTest(classes = DocsExampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "lua-actor.scripts=classpath*:docs-examples/*.lua",
                "lua-actor.actors.probe.handle=return ctx.send(ctx.msg.to, ctx.msg.body)" })
class DocsExampleApplicationTests {

    @Autowired
    Greetings greetings;

    @Autowired
    Customers customers;

    @Autowired
    @Qualifier("greeter")
    LuaActorRef greeter;

    @Autowired
    @Qualifier("checkout")
    LuaActorRef checkout;

    @Autowired
    @Qualifier("probe")
    LuaActorRef probe;

    @Test
    void readmeTourGreetsThroughTheDirectory() throws Exception {
        long before = this.greeter.statistics().succeeded();
        assertThat(this.greetings.greet("ada")).isEqualTo("Hello, ADA");
        assertThat(this.greeter.statistics().succeeded()).isEqualTo(before + 1);
    }

    @Test
    void checkoutCallsEveryKindOfRecipientMethod() throws Exception {
        LuaMessage reply = ask(Map.of("customer", "c-1", "total", 200, "currency", "USD", "email", "ada@example.org"));
        // discount 10 % of 200, rate 2.0 for anything but EUR
        assertThat(reply.toJava()).isEqualTo(Map.of("name", "Ada", "pay", 360L, "mailed", true, "mail_error",
                "sent to ada@example.org"));
        assertThat(this.customers.audited).contains(Map.of("customer", "c-1", "total", 200L));
    }

    @Test
    void aJavaExceptionIsALuaErrorThatPcallCatches() throws Exception {
        LuaMessage reply = ask(Map.of("customer", "c-1", "total", 50, "currency", "EUR"));
        Map<?, ?> result = (Map<?, ?>) reply.toJava();
        assertThat(result.get("mailed")).isEqualTo(false);
        assertThat(result.get("mail_error").toString())
            .contains("recipient 'mailer' failed: java.lang.IllegalArgumentException: no address");
        assertThat(result.get("pay")).isEqualTo(50L);
    }

    @Test
    void nullIsNilInLua() throws Exception {
        assertThat(ask(Map.of("customer", "c-9", "total", 1, "currency", "EUR")).toJava())
            .isEqualTo(Map.of("error", "unknown customer c-9"));
    }

    @Test
    void theErrorsDocsRecipientsMdQuotes() {
        assertThat(probeFailure("discount", "ten")).hasMessageContaining("@LuaRecipient(\"discount\") method "
                + Customers.class.getName() + ".discount(double) of bean 'customers' expects double but got a string (ten)");
        assertThat(probeFailure("nobody", "x")).hasMessageContaining("unknown recipient 'nobody'");
    }

    private Throwable probeFailure(String to, Object body) {
        var reply = this.probe.send(LuaMessage.from(Map.of("to", to, "body", body)));
        return org.assertj.core.api.Assertions.catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                () -> reply.get(10, TimeUnit.SECONDS)).getCause();
    }

    private LuaMessage ask(Map<String, Object> order) throws Exception {
        return this.checkout.send(LuaMessage.from(order)).get(10, TimeUnit.SECONDS);
    }

}
