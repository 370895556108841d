/**
 * The Lua actor runtime. Only {@code io.github.luaactor.core} and {@code io.github.luaactor.core.state} are API;
 * nothing under {@code io.github.luaactor.core.internal} is exported, to any module.
 * <p>
 * LuaJ is not required here although the runtime and its API ({@code LuaVmCustomizer.LuaGlobals#luaj()}) use it:
 * {@code luaj-jse-3.0.1.jar} cannot be a module at all, not even an automatic one, because it has classes in the
 * unnamed package (its {@code lua}, {@code luac} and {@code luajc} command-line tools), and the JDK refuses to derive
 * a module from such a jar. LuaJ therefore stays on the class path, and this module reads the class path: the build
 * passes {@code --add-reads io.github.luaactor.core=ALL-UNNAMED} to the compiler and to Surefire, and an application
 * that puts this jar on its module path must pass it to {@code java} too. On the class path (a Spring Boot
 * application) this descriptor is ignored and nothing changes.
 */
module io.github.luaactor.core {
    // Not used by this module's code but by LuaJ's compiler (luajc) for compiled handlers: required so that it is
    // resolved when it sits on the module path.
    requires java.management;
    requires org.apache.bcel;
    requires org.slf4j;
    // The Lua json module's parser and generator (jackson-core only: no databind, no annotations).
    requires tools.jackson.core;

    exports io.github.luaactor.core;
    // Durable ctx.state: the store SPI, its settings and the snapshot format (docs/state.md).
    exports io.github.luaactor.core.state;
}
