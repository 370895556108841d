package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a failed handler or hook does to its actor, by the actor's {@code on-failure} policy (baton holder only). */
final class Supervision {
    private static final Logger LOG = LoggerFactory.getLogger(Supervision.class);

    private Supervision() {
    }

    static void supervise(ActorCell cell, LuaActorException failure) {
        if (cell.stopFinished || !cell.state.isAlive()) {
            return;
        }
        switch (cell.settings.onFailure()) {
            case RESUME -> {
            }
            case STOP -> {
                LOG.warn("Lua actor '{}' stops after a failure (on-failure: stop)", cell.name);
                cell.finalFailure = true;
                Termination.beginStopNow(cell, ActorState.STOPPING);
            }
            case RESTART -> scheduleRestart(cell);
        }
    }

    /** The drain loop restarts the VM after the back-off; past the policy's limit the actor stops for good. */
    private static void scheduleRestart(ActorCell cell) {
        if (cell.restartHistory == null) {
            cell.restartHistory = new RestartHistory();
        }
        long now = System.nanoTime();
        long backoff = cell.restartHistory.restartOrGiveUp(cell.settings.restart(), now);
        if (backoff < 0) {
            LOG.error("Lua actor '{}' failed {} times within {}; it stops for good", cell.name,
                    cell.restartHistory.recent() + 1, cell.settings.restart().window());
            cell.finalFailure = true;
            Termination.beginStopNow(cell, ActorState.STOPPING);
            return;
        }
        cell.state = ActorState.RESTARTING;
        cell.restartAtNanos = now + backoff;
        cell.restartPending = true;
    }
}
