package io.github.luaactor.test.spring;

import io.github.luaactor.test.LuaActorTestKit;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * After each test of a {@link LuaActorsTest @LuaActorsTest} class, {@linkplain LuaActorTestKit#reset() resets} the
 * context's kit: the probes, stubs and actors one test made do not leak into the next (the context is shared).
 */
final class LuaActorTestKitResetListener extends AbstractTestExecutionListener {

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(LuaActorTestKit.class).ifAvailable(LuaActorTestKit::reset);
        }
    }
}
