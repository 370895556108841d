/**
 * The sandbox: the Lua libraries an actor's VM gets ({@code Sandbox}, {@code SharedLibraries}, capped and metered
 * library functions, per-actor {@code _G} and {@code string}), the budget hook that counts instructions, watches the
 * clock and estimates memory ({@code BudgetHook}; its call stack {@code CallFrames}, parked stacks
 * {@code CoroutineStacks}, library charges {@code LibraryCharges}; {@code MemoryMeter}), coroutines on virtual
 * threads, the per-thread limits that shared library functions read, the message codec and the translation of Lua
 * errors.
 */
package io.github.luaactor.core.internal.sandbox;
