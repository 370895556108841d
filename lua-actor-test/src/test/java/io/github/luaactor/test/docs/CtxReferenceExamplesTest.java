package io.github.luaactor.test.docs;

import static io.github.luaactor.test.LuaAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.test.LuaActorTest;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.LuaTestProbe;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/lua-ctx-reference.md, read from the doc and run with the kit: they do what the text says,
 * not only compile.
 */
@LuaActorTest
class CtxReferenceExamplesTest {
    private static final Path DOC = Path.of("..", "docs", "lua-ctx-reference.md");

    @Test
    void theStateExampleCounts(LuaActorTestKit kit) throws IOException {
        LuaActorRef actor = kit.spawnSource("counter", block("ctx.state.count = (ctx.state.count or 0) + 1"));
        kit.call(actor, "a");
        assertThat(kit.call(actor, "b")).hasValue(2);
        assertThat(kit.state(actor)).containsEntry("count", 2);
    }

    @Test
    void theTickExampleTicksEveryHalfSecond(LuaActorTestKit kit) throws IOException {
        LuaActorRef ticker = kit.spawnSource("ticker", block("ctx.notify_later('tick', 0.5)"));
        kit.call(ticker, "start");
        kit.awaitQuiet();
        assertThat(kit.state(ticker)).containsEntry("ticks", 1);
        kit.advanceTime(Duration.ofSeconds(2));
        assertThat(kit.state(ticker)).containsEntry("ticks", 5);
    }

    @Test
    void theDoSendExampleReachesItsRecipient(LuaActorTestKit kit) throws IOException {
        LuaTestProbe metrics = kit.probe("metrics");
        LuaActorRef actor = kit.spawnSource("seen", block("ctx.do_send('metrics'"));
        kit.call(actor, java.util.Map.of("key", "k-1"));
        assertThat(metrics.expectMessage(Duration.ofSeconds(10))).containsEntry("event", "seen")
                .containsEntry("key", "k-1");
    }

    /** The lua block of the doc that contains {@code marker}. */
    private static String block(String marker) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null) {
                if (line.equals("```lua")) {
                    block = new StringBuilder();
                }
            } else if (line.startsWith("```")) {
                if (block.indexOf(marker) >= 0) {
                    return block.toString();
                }
                block = null;
            } else {
                block.append(line).append('\n');
            }
        }
        throw new AssertionError(DOC + " has no lua block containing " + marker);
    }
}
