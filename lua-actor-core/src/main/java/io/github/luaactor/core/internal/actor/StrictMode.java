package io.github.luaactor.core.internal.actor;

import java.util.List;

import io.github.luaactor.core.ReplyCycleException;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.luaj.vm2.LuaError;

/**
 * Strict actors ({@code reentrant: false}): while one of their handlers waits in {@code ctx.send}, no other message
 * starts. The drain loop still grants resumptions and carries out a forced stop; everything in the mailbox, control
 * envelopes included, waits in its order, so a graceful stop or a reload takes effect after the waiting handler has
 * finished. A {@code ctx.send} that would wait on a strict actor already waiting for it fails at once
 * ({@link ReplyCycleException}).
 */
final class StrictMode {
    private StrictMode() {
    }

    /** True when {@code cell} is strict and a handler of it waits in {@code ctx.send} (baton holder only). */
    static boolean blocked(ActorCell cell) {
        return !cell.settings.reentrant() && !Suspension.noneSuspended(cell);
    }

    /**
     * Gives up the baton of a blocked actor, then takes it back only for work a blocked actor does (a resumption, a
     * forced stop): unlike {@link ActorCell#goIdleUnlessWorkArrived}, queued messages do not count, or the loop
     * would spin. A message sent meanwhile starts a drainer that comes here too; the resumed handler's own thread
     * drains the mailbox once it finishes. True when the baton was taken back.
     */
    static boolean idleWhileBlocked(ActorCell cell) {
        cell.dropBaton();
        return (Suspension.resumptionPending(cell) || (cell.forceStop && !cell.stopFinished)) && cell.takeBaton();
    }

    /**
     * The chain a {@code ctx.send} from {@code sender} to {@code target} carries; throws (as the Lua error of that
     * {@code ctx.send}) when the target is strict and already in it.
     */
    static WaitChain chainTo(ActorCell sender, ActorCell target) {
        WaitChain chain = new WaitChain(sender, sender.current, WaitChain.of(sender.current));
        if (!target.settings.reentrant()) {
            List<String> cycle = chain.cycleTo(target);
            if (cycle != null) {
                ActorVm vm = sender.vm;
                throw new CycleError(new ReplyCycleException(sender.name, cycle,
                        vm == null ? null : vm.hook.position()));
            }
        }
        return chain;
    }

    /** The Lua error of a {@code ctx.send} that closes a cycle; carries the exception the handler's sender gets. */
    static final class CycleError extends LuaError {
        CycleError(ReplyCycleException cycle) {
            super(cycle.getMessage());
            this.cause = cycle;
        }
    }
}
