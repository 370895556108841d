package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handler timeout holds inside library functions that loop in Java: each charges its work to the budget before
 * it runs, so the clock is read about as often as for instructions. Two hogs run at once, so that they also compete
 * for the carriers; each must stop within a few seconds of its one-second timeout (a loaded machine needs the
 * margin; unmetered, these ran for tens of seconds).
 */
class LibraryClockTest extends ActorTestSupport {

    static Stream<String> hogs() {
        return Stream.of(
                "local f = ('%c'):rep(2^14) while true do os.date(f) end",
                "local s = ('('):rep(3e5) while true do s:find('%b()') end",
                "local s = ('x'):rep(2^19) while true do local r = s:rep(2) end",
                "local t = {} for i = 1, 2^16 do t[i] = 'ab' end while true do local r = table.concat(t) end",
                "local t = {} for i = 1, 2^15 do t[i] = (i * 7919) % 2^15 end while true do table.sort(t) end",
                "local t = {} for i = 1, 2^17 do t[i] = i end while true do table.insert(t, 1, 0) table.remove(t, 1) end",
                "local s = ('x'):rep(2^20) while true do local r = s:upper() end",
                "local s = ('x'):rep(2^16) while true do local r = {s:byte(1, -1)} end");
    }

    @ParameterizedTest
    @MethodSource("hogs")
    void handlerTimeoutStopsALoopOverALongLibraryCall(String script) throws Exception {
        CompletableFuture<?>[] replies = new CompletableFuture<?>[2];
        for (int i = 0; i < replies.length; i++) {
            LuaActorRef hog = LuaActorBuilder.create().name("hog" + i).instructionLimit(0)
                    .handlerTimeout(Duration.ofSeconds(1)).onHandle(script).start(system);
            replies[i] = hog.send(LuaMessage.from("go"));
        }
        long start = System.nanoTime();
        for (CompletableFuture<?> reply : replies) {
            Throwable failure = failureOf(reply);
            assertThat(failure).isInstanceOf(BudgetExceededException.class);
            assertThat(((BudgetExceededException) failure).budget()).isEqualTo(BudgetExceededException.Budget.TIME);
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds to stop both hogs")
                .isLessThan(8);
    }
}
