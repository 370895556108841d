package io.github.luaactor.bench;

import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 9 (issue 16, "measure the accounting's cost"): the sliding-window handler of {@link RealisticBench}, which
 * allocates a table slot and removes one per message, told into one actor with the default memory limit (32 MiB:
 * allocation charges, the rare walks) and with {@code memory-limit 0} (no accounting). The ratio of the two is what
 * the memory limit costs a handler that allocates on every message.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class AccountingBench {
    static final int MESSAGES = 500_000;

    @State(Scope.Benchmark)
    public static class Project {
        /** {@code default}: the default memory limit; {@code off}: {@code memory-limit 0}. */
        @Param({"default", "off"})
        public String memory;

        LuaActorSystem system;
        LuaActorRef actor;
        final LuaMessage one = LuaMessage.from(1);

        @Setup
        public void setup() {
            system = LuaActorSystem.create();
            LuaActorBuilder builder = LuaActorBuilder.create().name("window")
                    .onHandle(RealisticScripts.BY_NAME.get("window")).mailboxCapacity(0);
            if ("off".equals(memory)) {
                builder.settings(s -> s.withMemoryLimit(0));
            }
            actor = builder.start(system);
        }

        @TearDown
        public void tearDown() {
            system.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public LuaMessage project(Project s) throws Exception {
        return Waits.tellThenAsk(s.actor, s.one, MESSAGES);
    }
}
