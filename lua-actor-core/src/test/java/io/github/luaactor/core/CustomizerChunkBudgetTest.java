package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;

/**
 * A customizer that loads Lua code with its own environment table ({@code globals.luaj().load(src, name, env)}, a
 * helper library kept out of {@code _G}) must not hand the script a function that runs outside the instruction
 * budget: the runtime's loader used to give such a chunk no hook, because it found the VM only through an
 * environment that is the VM's globals.
 */
class CustomizerChunkBudgetTest extends ActorTestSupport {
    @Override
    protected LuaActorSystem newSystem() {
        return builder().build();
    }

    protected LuaActorSystem.Builder builder() {
        return LuaActorSystem.builder().customizer(globals -> globals.luaj().set("helper",
                globals.luaj().load("local n = 0 for i = 1, 20000000 do n = n + 1 end return n", "=helper",
                        new LuaTable())));
    }

    @Test
    void aChunkACustomizerLoadedWithItsOwnEnvironmentCountsTowardsTheInstructionLimit() {
        LuaActorRef actor = LuaActorBuilder.create().name("budgeted").instructionLimit(1_000_000)
                .onHandle("return helper()").start(system);
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("instruction limit");
    }
}
