package io.github.luaactor.core.internal.state;

import java.util.Arrays;
import java.util.Optional;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.state.LuaStateCodec;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;
import io.github.luaactor.core.state.StateWriteMode;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * One durable actor's link to its store. The last saved (or loaded) bytes are kept, so that a failed message, a
 * failed save or a fresh VM after a restart gets exactly the stored state back without a read. Baton holder only,
 * except {@link #revision()}, which statistics read.
 */
public final class DurableState {
    /** A new VM's ctx.state, {}, encoded: what "nothing stored yet" is compared with. */
    private static final byte[] EMPTY_TABLE = LuaStateCodec.encode("", new LuaTable(), 16);

    private final String actor;
    private final LuaStateStore store;
    private final int maxStateSize;
    private final boolean writeBehind;
    private final long intervalNanos;

    private boolean loaded;
    /** The stored snapshot's bytes; null when the store has none. */
    private byte[] saved;
    private volatile long revision;
    private boolean dirty;
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
     * Reads the snapshot from the store, once; later calls return the kept copy. Returns the state as a fresh value.
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
            byte[] bytes = snapshot.map(StateSnapshot::bytes).orElse(null);
            LuaValue state = bytes == null ? new LuaTable() : LuaStateCodec.decode(actor, bytes);
            saved = bytes;
            revision = snapshot.map(StateSnapshot::revision).orElse(0L);
            loaded = true;
            return state;
        }
        return restore();
    }

    /**
     * The last saved state, decoded afresh: what {@code ctx.state} rolls back to. With nothing stored yet, an empty
     * table, as every new VM's {@code ctx.state} is.
     */
    public LuaValue restore() {
        dirty = false;
        return saved == null ? new LuaTable() : LuaStateCodec.decode(actor, saved);
    }

    /**
     * After a message or hook that succeeded: saves now (after-each-message, or write-behind once the interval has
     * passed) or marks the state dirty. Returns the failure, or null; on a failure the caller rolls back.
     */
    public StateStoreException changed(LuaValue state, LuaActorMonitor.Probe probe) {
        if (writeBehind) {
            dirty = true;
            if (System.nanoTime() - lastSaveNanos < intervalNanos) {
                return null;
            }
        }
        return save(state, probe);
    }

    /** Whether a write-behind save is due (and none is scheduled yet); marks it scheduled. */
    public boolean takeFlushToSchedule() {
        if (dirty && !flushScheduled) {
            flushScheduled = true;
            return true;
        }
        return false;
    }

    /** Saves a dirty write-behind state (its timer fired, or the actor stops). Returns the failure, or null. */
    public StateStoreException flush(LuaValue state, LuaActorMonitor.Probe probe) {
        flushScheduled = false;
        return dirty ? save(state, probe) : null;
    }

    private StateStoreException save(LuaValue state, LuaActorMonitor.Probe probe) {
        long start = System.nanoTime();
        int size = 0;
        try {
            byte[] bytes = LuaStateCodec.encode(actor, state, maxStateSize);
            size = bytes.length;
            // An unchanged state costs no write (nor a revision): most read-only messages save nothing.
            if (Arrays.equals(bytes, saved == null ? EMPTY_TABLE : saved)) {
                dirty = false;
                lastSaveNanos = start;
                return null;
            }
            revision = store.save(actor, bytes, revision);
            saved = bytes;
            dirty = false;
            lastSaveNanos = start;
            probe.stateSaved(System.nanoTime() - start, size, true);
            return null;
        } catch (StateStoreException e) {
            probe.stateSaved(System.nanoTime() - start, size, false);
            return e;
        } catch (RuntimeException e) {
            probe.stateSaved(System.nanoTime() - start, size, false);
            return new StateStoreException(actor, "Lua actor '" + actor + "': could not save its state to the "
                    + store.kind() + " store: " + e.getMessage(), e);
        }
    }

}
