package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * A chunk {@code load} made runs compiled from its second load on (when the system compiles handlers), and answers,
 * fails and is stopped exactly as the interpreted first load: {@link InterpretedLoadedChunkCompileTest} runs the same
 * with compilation off.
 */
class LoadedChunkCompileTest extends ActorTestSupport {

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(compiles()).customizer(globals -> globals.function("loaders",
                args -> LuaMessage.from(generatedClassLoadersOnStack()))).build();
    }

    protected boolean compiles() {
        return true;
    }

    /** Distinct class loaders of generated classes on the stack: the handler's, and a compiled chunk's. */
    private static long generatedClassLoadersOnStack() {
        Set<ClassLoader> loaders = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> f.getClassName().startsWith("lua_actor_handler_"))
                        .map(f -> f.getDeclaringClass().getClassLoader()).collect(Collectors.toSet()));
        return loaders.size();
    }

    @Test
    void aChunkLoadedAgainRunsCompiled() {
        // The chunks are cached for the whole JVM: a name of this test's own keeps them new to it.
        String name = "=rule-" + java.util.UUID.randomUUID();
        LuaActorRef actor = actor("loader", """
                local first = load('return loaders()', '%1$s')()
                local again = load('return loaders()', '%1$s')()
                local other = load('return loaders() + 0', '%1$s')()
                return first .. ',' .. again .. ',' .. other""".formatted(name));
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(compiles() ? "1,2,1" : "0,0,0"));
    }

    @Test
    void aCompiledChunkAnswersAsTheInterpretedOne() {
        LuaActorRef actor = actor("same", """
                local results = {}
                for i = 1, 3 do
                  local f = load('local n = ... local s = 0 for i = 1, n do s = s + i end '
                      .. 'return s, ("x"):rep(2), select("#", ...)', '=sum')
                  local a, b, c = f(10, 'extra')
                  local ok, e = pcall(load('local t = nil\\nreturn t.x', '=bad'))
                  local env = load('return x', '=env', 't', {x = 40 + i})()
                  results[#results + 1] = table.concat({a, b, c, e, env}, '|')
                end
                return table.concat(results, ';')""");
        String one = "55|xx|2|bad:2: attempt to index local 't' (a nil value)|";
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(one + "41;" + one + "42;" + one + "43"));
    }

    @Test
    void aRunawayChunkIsStoppedInterpretedAndCompiled() {
        LuaActorRef actor = LuaActorBuilder.create().name("spin").instructionLimit(100_000)
                .onHandle("load('local n = 0 while true do n = n + 1 end', '=spin')()").start(system);
        for (int i = 0; i < 2; i++) {
            assertThat(failureOf(actor.send(LuaMessage.from(i))))
                    .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.getMessage())
                            .contains("instruction limit").contains("spin:1"));
        }
    }
}
