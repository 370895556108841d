package io.github.luaactor.core.internal.vm;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.internal.sandbox.MeteredJson;
import io.github.luaactor.core.internal.sandbox.SharedLibraries;
import io.github.luaactor.core.internal.sandbox.ReadOnlyTable;
import io.github.luaactor.core.internal.sandbox.SandboxLimits;
import io.github.luaactor.core.internal.compile.ScriptCompiler;
import io.github.luaactor.core.internal.json.JsonModule;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * Shared Lua modules of one system: sources are read once and compiled once (the prototype is shared), while each
 * VM runs a module on its first {@code require} and keeps the result, so modules never share mutable state between
 * actors. Also remembers which actors required which module, for reloads.
 */
public final class Modules {
    static final String BUILT_IN_JSON = "json";
    /** The built-in json module, shared read-only by every VM. */
    private static final LuaTable JSON = jsonTable();
    /** Libraries every VM has loaded; {@code require} gives them as Lua's {@code package.loaded} does. */
    private static final Set<String> STANDARD_LIBRARIES = Set.of("_G", "string", "table", "math", "bit32", "os",
            "coroutine");

    private final LuaModuleResolver resolver;
    private final ScriptCompiler compiler;
    private final Map<String, Optional<LuaScript>> sources = new ConcurrentHashMap<>();
    private final Map<String, Set<ModuleUser>> users = new ConcurrentHashMap<>();

    public Modules(LuaModuleResolver resolver, ScriptCompiler compiler) {
        this.resolver = resolver;
        this.compiler = compiler;
    }

    /** The {@code require} function of one VM. */
    LuaValue requireFunction(ModuleUser user, ActorVm vm) {
        return new Require(user, vm);
    }

    /** A stopped actor no longer needs reloading: drop it from every module's users. */
    public void actorStopped(ModuleUser cell) {
        for (Set<ModuleUser> cells : users.values()) {
            cells.remove(cell);
        }
    }

    /** Forgets a module's source; returns the actors that had required it. */
    public Set<ModuleUser> invalidate(String name) {
        sources.remove(name);
        Set<ModuleUser> cells = users.remove(name);
        return cells == null ? Set.of() : cells;
    }

    private LuaValue loadModule(ModuleUser cell, ActorVm vm, String name) {
        try {
            LuaModuleResolver.validate(name);
        } catch (IllegalArgumentException e) {
            throw new LuaError("require: " + e.getMessage());
        }
        Optional<LuaScript> source = sources.computeIfAbsent(name, resolver::resolve);
        users.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(cell);
        if (source.isEmpty()) {
            if (BUILT_IN_JSON.equals(name)) {
                return JSON;
            }
            if (SharedLibraries.FORBIDDEN_GLOBALS.contains(name)) {
                throw SharedLibraries.notAvailable(name);
            }
            throw new LuaError("require: module '" + name + "' not found in the Lua actor module roots");
        }
        org.luaj.vm2.Prototype prototype;
        try {
            prototype = compiler.compile(cell.name(), source.get().chunkName(), source.get().source());
        } catch (LuaScriptException e) {
            throw new LuaError("require: module '" + name + "' does not compile: " + e.chunk() + ":" + e.line() + ": "
                    + e.luaMessage());
        }
        // Compiled like a handler (shared class per prototype): module functions run on every message that calls them.
        LuaValue result = vm.module(prototype).call(LuaValue.valueOf(name));
        return result.isnil() ? LuaValue.TRUE : result;
    }

    private static LuaTable jsonTable() {
        ReadOnlyTable table = new ReadOnlyTable(BUILT_IN_JSON);
        JsonModule.install(table, SandboxLimits::maxStringLength);
        MeteredJson.install(table);
        return table.seal();
    }

    /** Marks a module whose loading has started in this VM and not finished. */
    private static final LuaValue LOADING = LuaValue.userdataOf(new Object());

    private final class Require extends OneArgFunction {
        private final ModuleUser cell;
        private final ActorVm vm;
        private final LuaTable loaded = new LuaTable();

        Require(ModuleUser cell, ActorVm vm) {
            this.cell = cell;
            this.vm = vm;
            this.name = "require";
        }

        @Override
        public LuaValue call(LuaValue arg) {
            LuaString name = arg.checkstring();
            if (STANDARD_LIBRARIES.contains(name.tojstring())) {
                // package.loaded holds these in Lua: this VM's own view of them.
                return vm.globals.get(name);
            }
            LuaValue cached = loaded.rawget(name);
            if (cached == LOADING) {
                // Without this mark a module that requires itself, directly or through others, would recurse until
                // the stack overflows.
                throw new LuaError("require: module '" + name + "' is already being loaded (a require loop)");
            }
            if (!cached.isnil()) {
                return cached;
            }
            loaded.rawset(name, LOADING);
            LuaValue module = NIL;
            try {
                module = loadModule(cell, vm, name.tojstring());
            } finally {
                loaded.rawset(name, module);
            }
            return module;
        }

        void forget(String module) {
            loaded.rawset(module, NIL);
        }
    }

    /** Drops a module from a VM's cache so that the next {@code require} loads the new source. */
    public static void forget(ActorVm vm, String module) {
        if (vm.globals.rawget("require") instanceof Require require) {
            require.forget(module);
        }
    }
}
