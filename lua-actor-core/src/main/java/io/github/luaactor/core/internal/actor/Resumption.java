package io.github.luaactor.core.internal.actor;

import java.util.concurrent.locks.LockSupport;

/** A suspended handler whose reply has arrived and that waits for its actor's VM. */
final class Resumption {
    private final Thread thread;
    private volatile boolean granted;

    Resumption(Thread thread) {
        this.thread = thread;
    }

    /** Hands the VM to the waiting handler; the caller must give up the VM at once. */
    void grant() {
        granted = true;
        LockSupport.unpark(thread);
    }

    void awaitGrant(Object blocker) {
        while (!granted) {
            LockSupport.park(blocker);
        }
    }
}
