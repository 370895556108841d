package io.github.luaactor.core.internal.actor;

import java.util.EnumMap;
import java.util.Map;

import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.internal.vm.ActorVm;
import io.github.luaactor.core.Quota;

/**
 * A live view of one actor's counters. The counters themselves stay in the {@link ActorCell}, where the baton holder
 * writes them on its own cache line; a view is made when asked for, so an actor nobody watches pays nothing for it.
 */
final class CellStatistics implements ActorStatistics {
    private final ActorCell cell;

    CellStatistics(ActorCell cell) {
        this.cell = cell;
    }

    @Override
    public int mailboxSize() {
        return cell.mailbox.size();
    }

    @Override
    public int mailboxCapacity() {
        return cell.mailbox.capacity();
    }

    @Override
    public long received() {
        return cell.mailbox.accepted();
    }

    @Override
    public long succeeded() {
        return cell.succeeded;
    }

    @Override
    public long failed() {
        return cell.failed;
    }

    @Override
    public Map<DeadLetter.Reason, Long> rejected() {
        Map<DeadLetter.Reason, Long> copy = new EnumMap<>(DeadLetter.Reason.class);
        for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
            copy.put(reason, RefusalCounts.rejectedCount(cell, reason));
        }
        return copy;
    }

    @Override
    public long rejected(DeadLetter.Reason reason) {
        return RefusalCounts.rejectedCount(cell, reason);
    }

    @Override
    public int suspended() {
        return Suspension.count(cell);
    }

    @Override
    public long quotaExceeded(Quota quota) {
        return RefusalCounts.quotaRefusedCount(cell, quota);
    }

    @Override
    public int pendingTimers() {
        return Timers.pending(cell);
    }

    @Override
    public int children() {
        return cell.children;
    }

    @Override
    public long restarts() {
        return cell.restarts;
    }

    @Override
    public ErrorInfo lastError() {
        return cell.lastError;
    }

    @Override
    public String stateStore() {
        return cell.durable == null ? "memory" : cell.durable.storeKind();
    }

    @Override
    public long stateRevision() {
        return cell.durable == null ? -1 : cell.durable.revision();
    }

    @Override
    public long memoryEstimate() {
        ActorVm vm = cell.vm;
        return vm == null ? 0L : vm.hook.memoryEstimate(cell.current != null);
    }

    @Override
    public long memoryLimit() {
        return cell.settings.memoryLimit();
    }

    @Override
    public long memoryMeasurements() {
        ActorVm vm = cell.vm;
        return vm == null ? 0L : vm.hook.memoryMeasurements();
    }

    @Override
    public String toString() {
        return "ActorStatistics[" + cell.name + "]";
    }
}
