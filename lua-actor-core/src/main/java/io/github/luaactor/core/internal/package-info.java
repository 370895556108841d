/**
 * The runtime behind {@code io.github.luaactor.core}; nothing here is API, and the module exports none of it.
 * <p>
 * The sub-packages, each depending only on packages listed after it: {@code actor} (cells, the system's name space,
 * supervision, termination, quotas), {@code vm} (one actor's VM and its {@code ctx} table), {@code compile} (Lua
 * source, and handlers to JVM bytecode with budget charges woven in), {@code sandbox} (the libraries a VM gets, the
 * budget hook, the memory meter, coroutines, the message codec), {@code stdlib}, {@code pattern} and {@code json}
 * (the project's own library functions), {@code naming} (Lua 5.2's wording of runtime errors, with variable names), {@code mailbox} (the queue), {@code dispatch} (threads and time slices) and
 * {@code state} (durable {@code ctx.state}). See {@code docs/architecture.md}.
 */
package io.github.luaactor.core.internal;
