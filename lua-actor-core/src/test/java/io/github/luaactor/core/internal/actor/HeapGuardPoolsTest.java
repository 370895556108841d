package io.github.luaactor.core.internal.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which heap pools the heap guard watches: the old generation, never a young pool that is routinely full. */
class HeapGuardPoolsTest {

    private static MemoryPoolMXBean pool(String name, boolean usageThreshold, boolean collectionThreshold) {
        Map<String, Object> answers = Map.of("getName", name, "getType", MemoryType.HEAP, "isValid", true,
                "isUsageThresholdSupported", usageThreshold, "isCollectionUsageThresholdSupported",
                collectionThreshold);
        return (MemoryPoolMXBean) Proxy.newProxyInstance(MemoryPoolMXBean.class.getClassLoader(),
                new Class<?>[] {MemoryPoolMXBean.class}, (proxy, method, args) -> answers.get(method.getName()));
    }

    @Test
    void watchesTheTenuredPoolAndNotTheSurvivorSpace() {
        // As the serial and parallel collectors report them: the survivor space has a collection usage threshold
        // but no usage threshold.
        assertThat(HeapGuard.guards(pool("Tenured Gen", true, true))).isTrue();
        assertThat(HeapGuard.guards(pool("Survivor Space", false, true))).isFalse();
        assertThat(HeapGuard.guards(pool("Eden Space", false, true))).isFalse();
    }

    @Test
    void thisJvmHasAtLeastOneGuardedPool() {
        assertThat(ManagementFactory.getMemoryPoolMXBeans()).anyMatch(HeapGuard::guards);
    }
}
