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
        // On the module path (the core has a module-info) the test classes are patched into the core module and the
        // core and its modular dependencies are on jdk.module.path: the isolated loader gets all of them, as plain
        // class-path entries, as in a Spring Boot jar.
        urls.add(Probe.class.getProtectionDomain().getCodeSource().getLocation());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String path = System.getProperty(property, "");
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
        }
        try (URLClassLoader isolated = new ChildFirstLoader(urls.toArray(URL[]::new))) {
            Class<?> probe = isolated.loadClass(Probe.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(isolated);
            assertThat(isolated.loadClass(LuaActorSystem.class.getName())).isNotSameAs(LuaActorSystem.class);

            Object answer = probe.getMethod("run").invoke(null);

            assertThat(answer).isEqualTo("{answer=42, compiled=true}");
            assertThat(probe.getMethod("runLoop").invoke(null)).isEqualTo("{answer=48, compiled=true}");
        }
    }

    /**
     * A loader whose parent is the platform loader and that looks in its own entries first. Plain parent-first
     * delegation would do on the class path, but not on the module path: there the platform loader hands the
     * packages of the boot layer's modules (this runtime's) to the system loader, so the "isolated" runtime would be
     * the system loader's after all. Child-first keeps the test's point: LuaJ is seen twice, and a handler class
     * defined under the system loader would link against the wrong copy.
     */
    private static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null && !name.startsWith("java.")) {
                    try {
                        type = findClass(name);
                    } catch (ClassNotFoundException e) {
                        // not one of ours: the platform's
                    }
                }
                if (type == null) {
                    type = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }
    }

    /** Runs inside the isolated loader: only its own copies of the runtime and LuaJ are used. */
    public static final class Probe {
        private Probe() {
        }

        public static String run() {
            return run("return {compiled = compiled(), answer = ctx.msg}");
        }

        /** A loop and a closure: the generated code also calls the budget charge of the isolated runtime. */
        public static String runLoop() {
            return run("local s = 0\nfor i = 1, 3 do s = s + (function() return i end)() end\n"
                    + "return {compiled = compiled(), answer = ctx.msg + s}");
        }

        private static String run(String script) {
            LuaActorSystem system = LuaActorSystem.builder()
                    .customizer(LuaVmCustomizer.function("compiled", () -> StackWalker.getInstance().walk(
                            frames -> frames.anyMatch(f -> f.getClassName().startsWith("lua_actor_handler_")))))
                    .build();
            try (system) {
                LuaActorRef actor = LuaActorBuilder.create().name("probe")
                        .onHandle(script)
                        .start(system);
                return new java.util.TreeMap<>((java.util.Map<?, ?>) actor.call(LuaMessage.from(42),
                        java.time.Duration.ofSeconds(30)).toJava()).toString();
            }
        }
    }
}
