/**
 * Where actor work runs: virtual threads for drain loops and Java recipients, the timer thread, and the time slice
 * after which a busy drain loop gives its carrier to others.
 */
package io.github.luaactor.core.internal.dispatch;
