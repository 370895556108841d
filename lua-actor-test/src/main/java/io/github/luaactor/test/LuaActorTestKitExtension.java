package io.github.luaactor.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link LuaActorTestKit} parameters: one kit per test, shared by its {@code @BeforeEach} methods and the
 * test method, closed after the test's {@code @AfterEach} methods. Register it with {@link LuaActorTest @LuaActorTest}
 * or {@code @ExtendWith(LuaActorTestKitExtension.class)}.
 */
public final class LuaActorTestKitExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LuaActorTestKitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LuaActorTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A kit for a constructor parameter lives in the class-level context and is closed with it (the store
        // closes AutoCloseable values); one for a method lives as long as the test.
        return context.getStore(NAMESPACE).computeIfAbsent(LuaActorTestKit.class, key -> LuaActorTestKit.create(),
                LuaActorTestKit.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LuaActorTestKit kit = context.getStore(NAMESPACE).remove(LuaActorTestKit.class, LuaActorTestKit.class);
        if (kit != null) {
            kit.close();
        }
    }
}
