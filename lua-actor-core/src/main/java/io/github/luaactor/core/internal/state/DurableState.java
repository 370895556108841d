package io.github.luaactor.core.internal.state;

import java.util.Arrays;
import java.util.Optional;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.state.LuaStateCodec;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;
import io.github.luaactor.core.state.StateWriteMode;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One durable actor's link to its store. Two encodings are kept: {@code saved}, what the store holds, and
 * {@code latest}, the state after the last message that succeeded (the same bytes, except while write-behind has
 * not written yet). A failed handler rolls back to {@code latest}; a failed save to {@code saved}; a fresh VM after a
 * restart gets {@code latest}. Baton holder only, except {@link #revision()}, which statistics read.
 */
public final class DurableState {
    /** A new VM's ctx.state, {}, encoded: what "nothing stored yet" is. */
    private static final Logger LOG = LoggerFactory.getLogger(DurableState.class);
    private static final byte[] EMPTY_TABLE = LuaStateCodec.encode("", new LuaTable(), 16);

    private final String actor;
    private final LuaStateStore store;
    private final int maxStateSize;
    private final boolean writeBehind;
    private final long intervalNanos;

    private boolean loaded;
    private byte[] saved = EMPTY_TABLE;
    private byte[] latest = EMPTY_TABLE;
    private volatile long revision;
    private long lastSaveNanos = System.nanoTime();
    private boolean flushScheduled;

    private DurableState(String actor, StateSettings settings) {
        this.actor = actor;
        this.store = settings.store();
        this.maxStateSize = settings.maxStateSize();
        this.writeBehind = settings.writeMode() == StateWriteMode.WRITE_BEHIND;
        this.intervalNanos = settings.writeInterval().toNanos();
    }

    /** The durable state of an actor, or null when its state lives in the VM only. */
    public static DurableState of(String actor, StateSettings settings) {
        return settings != null && settings.isDurable() ? new DurableState(actor, settings) : null;
    }

    public String storeKind() {
        return store.kind();
    }

    public long revision() {
        return revision;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public boolean isWriteBehind() {
        return writeBehind;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * Reads the snapshot from the store, once; later calls return the kept state. Returns the state as a fresh value
     * ({@code {}} when nothing is stored, as in every new VM).
     *
     * @throws StateStoreException when the store cannot be read or holds bytes this version cannot decode
     */
    public LuaValue load() {
        if (!loaded) {
            Optional<StateSnapshot> snapshot;
            try {
                snapshot = store.load(actor);
            } catch (StateStoreException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StateStoreException(actor, "Lua actor '" + actor + "': could not load its state from the "
                        + store.kind() + " store: " + e.getMessage(), e);
            }
            byte[] bytes = snapshot.map(StateSnapshot::bytes).orElse(EMPTY_TABLE);
            LuaValue state = LuaStateCodec.decode(actor, bytes);
            saved = bytes;
            latest = bytes;
            revision = snapshot.map(StateSnapshot::revision).orElse(0L);
            loaded = true;
            return state;
        }
        return restore();
    }

    /**
     * The state after the last message that succeeded, decoded afresh: what {@code ctx.state} rolls back to after a
     * failed handler (after a failed save, that is the last saved snapshot).
     */
    public LuaValue restore() {
        return LuaStateCodec.decode(actor, latest);
    }

    /**
     * After a message or hook that succeeded: encodes the state, then writes it (after each message, or with
     * write-behind once the interval has passed). Returns the failure, or null; on a failure the caller rolls back
     * with {@link #restore()}.
     */
    public StateStoreException changed(LuaValue state, LuaActorMonitor.Probe probe) {
        long start = System.nanoTime();
        byte[] bytes;
        try {
            bytes = LuaStateCodec.encode(actor, state, maxStateSize);
        } catch (StateStoreException e) {
            probe.stateSaved(System.nanoTime() - start, 0, false);
            return e;
        }
        latest = bytes;
        if (writeBehind && start - lastSaveNanos < intervalNanos) {
            return null;
        }
        return write(start, probe);
    }

    /**
     * Another owner saved meanwhile (a cluster moved the actor): go on from its snapshot, so that the rollback puts
     * it into {@code ctx.state} and the next save expects its revision. A failed read keeps the old state; the next
     * save then conflicts again and retries this.
     */
    private void reloadAfterConflict() {
        try {
            Optional<StateSnapshot> snapshot = store.load(actor);
            byte[] bytes = snapshot.map(StateSnapshot::bytes).orElse(EMPTY_TABLE);
            LuaStateCodec.decode(actor, bytes);
            saved = bytes;
            latest = bytes;
            revision = snapshot.map(StateSnapshot::revision).orElse(0L);
        } catch (RuntimeException e) {
            LOG.warn("Lua actor '{}': could not reload its state after a conflict: {}", actor, e.getMessage());
        }
    }

    /** Whether a write-behind save is due (and none is scheduled yet); marks it scheduled. */
    public boolean takeFlushToSchedule() {
        if (isDirty() && !flushScheduled) {
            flushScheduled = true;
            return true;
        }
        return false;
    }

    /** Writes what write-behind has not written yet (its timer fired, or the actor stops). */
    public StateStoreException flush(LuaActorMonitor.Probe probe) {
        flushScheduled = false;
        return isDirty() ? write(System.nanoTime(), probe) : null;
    }

    private boolean isDirty() {
        return !Arrays.equals(latest, saved);
    }

    private StateStoreException write(long start, LuaActorMonitor.Probe probe) {
        lastSaveNanos = start;
        // An unchanged state costs no write (nor a revision): most read-only messages save nothing.
        if (!isDirty()) {
            return null;
        }
        try {
            revision = store.save(actor, latest, revision);
            saved = latest;
            probe.stateSaved(System.nanoTime() - start, latest.length, true);
            return null;
        } catch (RuntimeException e) {
            probe.stateSaved(System.nanoTime() - start, latest.length, false);
            latest = saved;
            if (e instanceof StateConflictException && store.reloadsAfterConflict()) {
                reloadAfterConflict();
            }
            return e instanceof StateStoreException failure ? failure
                    : new StateStoreException(actor, "Lua actor '" + actor + "': could not save its state to the "
                            + store.kind() + " store: " + e.getMessage(), e);
        }
    }
}
