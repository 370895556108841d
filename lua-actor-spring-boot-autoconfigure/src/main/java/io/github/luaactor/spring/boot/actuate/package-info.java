/**
 * Observability for Lua actors: Micrometer meters, an Actuator health indicator and the {@code luaactors}
 * endpoint, each with its own auto-configuration.
 */
@NullMarked
package io.github.luaactor.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
