package io.github.luaactor.spring.boot.autoconfigure.docs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.luaactor.core.LuaRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** docs/recipients.md copies its method examples from here; checkout.lua calls each of them. */
@Component
class Customers {

    private static final Logger log = LoggerFactory.getLogger(Customers.class);

    private final Map<String, Map<String, Object>> byId = Map.of("c-1", Map.of("name", "Ada", "vip", true));

    final List<Map<String, Object>> audited = new CopyOnWriteArrayList<>();

    // A string in, a table out; null is nil in Lua.
    @LuaRecipient("customer")
    Map<String, Object> find(String id) {
        return byId.get(id);
    }

    // A number in, a number out.
    @LuaRecipient("discount")
    double discount(double total) {
        return (total >= 100) ? total * 0.1 : 0;
    }

    // void: Lua gets nil once the method has returned.
    @LuaRecipient("audit")
    void audit(Map<String, Object> event) {
        log.info("audit {}", event);
        audited.add(event);
    }

    // The Lua handler stays suspended, holding no thread, until the stage completes.
    @LuaRecipient("rate")
    CompletionStage<Double> rate(String currency) {
        return CompletableFuture.supplyAsync(() -> currency.equals("EUR") ? 1.0 : 2.0);
    }

    // The name may come from configuration; an exception is a Lua error that pcall catches.
    @LuaRecipient("${shop.mailer-name:mailer}")
    String mail(String address) {
        if (address.isBlank()) {
            throw new IllegalArgumentException("no address");
        }
        return "sent to " + address;
    }

}
