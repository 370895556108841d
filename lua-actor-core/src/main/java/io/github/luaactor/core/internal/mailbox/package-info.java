/** An actor's mailbox: a multi-producer, single-consumer queue whose fields are split by writer across cache lines. */
package io.github.luaactor.core.internal.mailbox;
