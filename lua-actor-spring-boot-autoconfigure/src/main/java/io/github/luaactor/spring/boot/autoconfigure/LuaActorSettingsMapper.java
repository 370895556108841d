package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.ActorSettings.RestartSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/** Maps {@link LuaActorProperties} onto core {@link ActorSettings}. */
final class LuaActorSettingsMapper {

    private LuaActorSettingsMapper() {
    }

    /** The system-wide defaults from {@code lua-actor.defaults}. */
    static ActorSettings defaults(LuaActorProperties.Defaults defaults) {
        LuaActorProperties.Restart restart = defaults.getRestart();
        return ActorSettings.defaults()
            .withMailboxCapacity(defaults.getMailboxCapacity())
            .withOverflowPolicy(defaults.getOverflowPolicy())
            .withEnqueueTimeout(defaults.getEnqueueTimeout())
            .withInstructionLimit(defaults.getInstructionLimit())
            .withHandlerTimeout(defaults.getHandlerTimeout())
            .withAskTimeout(defaults.getAskTimeout())
            .withMaxStringLength(bytes(defaults.getMaxStringLength(), "lua-actor.defaults.max-string-length"))
            .withOnFailure(defaults.getOnFailure())
            .withRestart(new RestartSettings(restart.getMinBackoff(), restart.getMaxBackoff(),
                    restart.getMaxRestarts(), restart.getWindow()));
    }

    /** The overrides of one actor, applied to whatever defaults its system has. */
    static UnaryOperator<ActorSettings> overrides(String name, LuaActorProperties.Actor actor) {
        // Read everything now: the properties object is not looked at again.
        @Nullable Integer mailboxCapacity = actor.getMailboxCapacity();
        var overflowPolicy = actor.getOverflowPolicy();
        @Nullable Duration enqueueTimeout = actor.getEnqueueTimeout();
        @Nullable Long instructionLimit = actor.getInstructionLimit();
        @Nullable Duration handlerTimeout = actor.getHandlerTimeout();
        @Nullable Duration askTimeout = actor.getAskTimeout();
        @Nullable Integer maxStringLength = (actor.getMaxStringLength() != null)
                ? bytes(actor.getMaxStringLength(), "lua-actor.actors." + name + ".max-string-length") : null;
        var onFailure = actor.getOnFailure();
        @Nullable Duration minBackoff = actor.getRestart().getMinBackoff();
        @Nullable Duration maxBackoff = actor.getRestart().getMaxBackoff();
        @Nullable Integer maxRestarts = actor.getRestart().getMaxRestarts();
        @Nullable Duration window = actor.getRestart().getWindow();
        return (settings) -> {
            ActorSettings s = settings;
            if (mailboxCapacity != null) {
                s = s.withMailboxCapacity(mailboxCapacity);
            }
            if (overflowPolicy != null) {
                s = s.withOverflowPolicy(overflowPolicy);
            }
            if (enqueueTimeout != null) {
                s = s.withEnqueueTimeout(enqueueTimeout);
            }
            if (instructionLimit != null) {
                s = s.withInstructionLimit(instructionLimit);
            }
            if (handlerTimeout != null) {
                s = s.withHandlerTimeout(handlerTimeout);
            }
            if (askTimeout != null) {
                s = s.withAskTimeout(askTimeout);
            }
            if (maxStringLength != null) {
                s = s.withMaxStringLength(maxStringLength);
            }
            if (onFailure != null) {
                s = s.withOnFailure(onFailure);
            }
            if (minBackoff != null || maxBackoff != null || maxRestarts != null || window != null) {
                RestartSettings r = s.restart();
                s = s.withRestart(new RestartSettings((minBackoff != null) ? minBackoff : r.minBackoff(),
                        (maxBackoff != null) ? maxBackoff : r.maxBackoff(),
                        (maxRestarts != null) ? maxRestarts : r.maxRestarts(), (window != null) ? window : r.window()));
            }
            return s;
        };
    }

    private static int bytes(DataSize size, String key) {
        long bytes = size.toBytes();
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be between 1B and " + Integer.MAX_VALUE + "B, was " + size);
        }
        return (int) bytes;
    }

}
