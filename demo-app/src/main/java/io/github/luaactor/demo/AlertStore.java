package io.github.luaactor.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.LuaRecipient;
import org.springframework.stereotype.Component;

/** The Java recipient {@code alerts}: window actors {@code ctx.send("alerts", {...})} and get an alert id back. */
@Component
public class AlertStore {

    private static final int KEPT = 100;

    private final Deque<Alert> latest = new ConcurrentLinkedDeque<>();

    private final AtomicLong ids = new AtomicLong();

    /** Stores an alert sent by a window actor; the reply is its id. */
    @LuaRecipient("alerts")
    public String raise(Map<String, Object> alert) {
        String id = "alert-" + ids.incrementAndGet();
        latest.addFirst(new Alert(id, String.valueOf(alert.get("sensor")), number(alert.get("value")),
                number(alert.get("threshold")), number(alert.get("mean")), Instant.now()));
        while (latest.size() > KEPT) {
            latest.pollLast();
        }
        return id;
    }

    /** Alerts raised so far. */
    public long total() {
        return ids.get();
    }

    /** The newest alerts first. */
    public List<Alert> latest(int limit) {
        List<Alert> result = new ArrayList<>(Math.min(limit, KEPT));
        Iterator<Alert> it = latest.iterator();
        while (it.hasNext() && result.size() < limit) {
            result.add(it.next());
        }
        return result;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    public record Alert(String id, String sensor, Double value, Double threshold, Double mean, Instant at) {
    }
}
