package io.github.luaactor.core.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;
import org.junit.jupiter.api.Test;

/**
 * Compiled handlers where the runtime is not on the system class loader, as in a Spring Boot jar (LuaJ's own
 * {@code JavaLoader} defines generated classes under the system class loader, which cannot see LuaJ there). The
 * runtime is loaded a second time by a loader whose parent is the platform loader: the generated class must link
 * against that copy of LuaJ, or the handler silently falls back to the interpreter.
 */
class StraightLineCompilerIsolationTest {

    @Test
    void aStraightLineHandlerRunsCompiledWhenTheRuntimeIsNotOnTheSystemClassLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> probe = isolated.loadClass(Probe.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(isolated);
            assertThat(isolated.loadClass(LuaActorSystem.class.getName())).isNotSameAs(LuaActorSystem.class);

            Object answer = probe.getMethod("run").invoke(null);

            assertThat(answer).isEqualTo("{answer=42, compiled=true}");
        }
    }

    /** Runs inside the isolated loader: only its own copies of the runtime and LuaJ are used. */
    public static final class Probe {
        private Probe() {
        }

        public static String run() {
            LuaActorSystem system = LuaActorSystem.builder()
                    .customizer(LuaVmCustomizer.function("compiled", () -> StackWalker.getInstance().walk(
                            frames -> frames.anyMatch(f -> f.getClassName().startsWith("lua_actor_handler_")))))
                    .build();
            try (system) {
                LuaActorRef actor = LuaActorBuilder.create().name("probe")
                        .onHandle("return {compiled = compiled(), answer = ctx.msg}")
                        .start(system);
                return new java.util.TreeMap<>((java.util.Map<?, ?>) actor.call(LuaMessage.from(42),
                        java.time.Duration.ofSeconds(30)).toJava()).toString();
            }
        }
    }
}
