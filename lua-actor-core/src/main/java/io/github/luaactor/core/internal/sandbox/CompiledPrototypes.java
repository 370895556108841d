package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.Prototype;

/**
 * The class loader of code compiled from Lua: the function each generated class runs. An interface, so that the
 * sandbox reads a compiled caller's bytecode without depending on the compiler.
 */
public interface CompiledPrototypes {
    /** The function generated class {@code className} runs, or null. */
    Prototype prototype(String className);
}
