/**
 * One actor's Lua VM: sandboxed globals, the {@code ctx} table and its functions, shared modules and
 * {@code require}. Knows the actor only through {@code CtxOperations} and {@code ModuleUser}.
 */
package io.github.luaactor.core.internal.vm;
