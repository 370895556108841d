package io.github.luaactor.core.internal.json;

import java.util.concurrent.atomic.AtomicReferenceArray;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's parser buffers, shared by every decoding thread through a few slots taken and given back with one atomic
 * exchange each. Jackson's default pool, a concurrent deque, allocates a node at every release and was a tenth of
 * decoding a small event; a thread-local pool would be empty on every fresh virtual thread an actor runs on. When
 * all slots are taken a parser gets new buffers, and when all are full a released set is left to the collector.
 */
final class ParserBuffers implements RecyclerPool<BufferRecycler> {
    private static final long serialVersionUID = 1L;
    private static final int SLOTS = 8;

    private final transient AtomicReferenceArray<BufferRecycler> slots = new AtomicReferenceArray<>(SLOTS);

    @Override
    public BufferRecycler acquirePooled() {
        int first = firstSlot();
        for (int i = 0; i < SLOTS; i++) {
            BufferRecycler buffers = slots.getAndSet((first + i) & (SLOTS - 1), null);
            if (buffers != null) {
                return buffers;
            }
        }
        return new BufferRecycler();
    }

    @Override
    public void releasePooled(BufferRecycler buffers) {
        int first = firstSlot();
        for (int i = 0; i < SLOTS; i++) {
            if (slots.compareAndSet((first + i) & (SLOTS - 1), null, buffers)) {
                return;
            }
        }
    }

    /** Threads start at different slots, so two decoding at once rarely contend for one. */
    private static int firstSlot() {
        return (int) Thread.currentThread().threadId() & (SLOTS - 1);
    }
}
