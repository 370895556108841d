package io.github.luaactor.core;

import java.time.Duration;
import java.util.List;

/**
 * A {@code ctx.send} that could never be answered: the recipient is a strict actor ({@code reentrant: false})
 * whose handler is itself waiting, directly or through other actors, for this very reply, so it would not start the
 * message before the ask timeout. Raised at once, at the {@code ctx.send} that closes the cycle, instead of after
 * that timeout; {@link #cycle()} names the actors in the order they wait on each other, the first again at the end
 * ({@code a -> b -> a}).
 */
public class ReplyCycleException extends ReplyTimeoutException {
    private final List<String> cycle;

    public ReplyCycleException(String actor, List<String> cycle, String position) {
        super(actor, "ctx.send from Lua actor '" + actor + "' to strict actor '" + cycle.getFirst()
                + "' would never be answered: the actors wait on each other (" + String.join(" -> ", cycle)
                + ")" + (position == null ? "" : " at " + position), Duration.ZERO);
        this.cycle = List.copyOf(cycle);
    }

    /** The actors of the cycle, the first repeated at the end. */
    public List<String> cycle() {
        return cycle;
    }
}
