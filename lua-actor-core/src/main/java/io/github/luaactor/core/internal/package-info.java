/**
 * The runtime behind {@code io.github.luaactor.core}; nothing here is API, and the module exports none of it.
 * <p>
 * This package itself is the sandbox: the Lua libraries an actor's VM gets ({@code Sandbox}, {@code SharedLibraries},
 * capped string functions, pattern matching, JSON), the budget hook that counts instructions and watches the clock,
 * the per-thread limits shared library functions read, the message codec and the translation of Lua errors. Its
 * sub-packages hold the rest, each depending only on packages listed after it:
 * {@code actor} (cells, the system's name space, supervision, termination), {@code vm} (one actor's VM and its
 * {@code ctx} table), {@code compile} (Lua source and straight-line handlers to bytecode), {@code mailbox} (the
 * queue) and {@code dispatch} (threads and time slices). See {@code docs/architecture.md}.
 */
package io.github.luaactor.core.internal;
