package io.github.luaactor.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties.ActorSettingsProperties;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties.Restart;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@link ActorSettingsProperties} onto core {@link ActorSettings}: a set value replaces the one it is applied to,
 * an unset (null) one keeps it.
 */
final class LuaActorSettingsMapper {

    private LuaActorSettingsMapper() {
    }

    /** The system-wide defaults from {@code lua-actor.defaults}, on top of {@link ActorSettings#defaults()}. */
    static ActorSettings defaults(ActorSettingsProperties defaults) {
        return read(LuaActorProperties.PREFIX + ".defaults", defaults).apply(ActorSettings.defaults());
    }

    /** The overrides of one actor, applied to whatever defaults its system has. */
    static UnaryOperator<ActorSettings> overrides(String name, ActorSettingsProperties actor) {
        return read(LuaActorProperties.PREFIX + ".actors." + name, actor);
    }

    /**
     * The set values of {@code properties} as one operator. They are read now (and sizes checked now, naming the
     * key): the operator does not look at the properties object again.
     */
    private static UnaryOperator<ActorSettings> read(String key, ActorSettingsProperties properties) {
        List<UnaryOperator<ActorSettings>> steps = new ArrayList<>();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getMailboxCapacity).to((v) -> steps.add((s) -> s.withMailboxCapacity(v)));
        map.from(properties::getOverflowPolicy).to((v) -> steps.add((s) -> s.withOverflowPolicy(v)));
        map.from(properties::getEnqueueTimeout).to((v) -> steps.add((s) -> s.withEnqueueTimeout(v)));
        map.from(properties::getInstructionLimit).to((v) -> steps.add((s) -> s.withInstructionLimit(v)));
        map.from(properties::getHandlerTimeout).to((v) -> steps.add((s) -> s.withHandlerTimeout(v)));
        map.from(properties::getAskTimeout).to((v) -> steps.add((s) -> s.withAskTimeout(v)));
        map.from(properties::getMaxStringLength)
            .as((size) -> bytes(size, key + ".max-string-length"))
            .to((v) -> steps.add((s) -> s.withMaxStringLength(v)));
        map.from(properties::getMemoryLimit)
            .as((size) -> memoryBytes(size, key + ".memory-limit"))
            .to((v) -> steps.add((s) -> s.withMemoryLimit(v)));
        map.from(properties::getOnFailure).to((v) -> steps.add((s) -> s.withOnFailure(v)));
        map.from(properties::getReentrant).to((v) -> steps.add((s) -> s.withReentrant(v)));
        Restart restart = properties.getRestart();
        map.from(restart::getMinBackoff).to((v) -> steps.add((s) -> s.withRestart(s.restart().withMinBackoff(v))));
        map.from(restart::getMaxBackoff).to((v) -> steps.add((s) -> s.withRestart(s.restart().withMaxBackoff(v))));
        map.from(restart::getMaxRestarts).to((v) -> steps.add((s) -> s.withRestart(s.restart().withMaxRestarts(v))));
        map.from(restart::getWindow).to((v) -> steps.add((s) -> s.withRestart(s.restart().withWindow(v))));
        map.from(properties::getMaxChildren)
            .to((v) -> steps.add((s) -> s.withQuotas(s.quotas().withMaxChildren(v))));
        map.from(properties::getMaxSuspendedHandlers)
            .to((v) -> steps.add((s) -> s.withQuotas(s.quotas().withMaxSuspendedHandlers(v))));
        map.from(properties::getMaxTimers).to((v) -> steps.add((s) -> s.withQuotas(s.quotas().withMaxTimers(v))));
        map.from(properties::getMaxCoroutines)
            .to((v) -> steps.add((s) -> s.withQuotas(s.quotas().withMaxCoroutines(v))));
        map.from(properties::getMaxCallDepth)
            .to((v) -> steps.add((s) -> s.withQuotas(s.quotas().withMaxCallDepth(v))));
        List<UnaryOperator<ActorSettings>> all = List.copyOf(steps);
        return (settings) -> {
            ActorSettings result = settings;
            for (UnaryOperator<ActorSettings> step : all) {
                result = step.apply(result);
            }
            return result;
        };
    }

    private static long memoryBytes(DataSize size, String key) {
        long bytes = size.toBytes();
        if (bytes < 0) {
            throw new IllegalArgumentException(key + " must be 0B (unlimited) or more, was " + size);
        }
        return bytes;
    }

    private static int bytes(DataSize size, String key) {
        long bytes = size.toBytes();
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be between 1B and " + Integer.MAX_VALUE + "B, was " + size);
        }
        return (int) bytes;
    }

}
