package io.github.luaactor.core.internal.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.internal.dispatch.Dispatcher;
import io.github.luaactor.core.internal.mailbox.Mailbox;

/**
 * The fields of an {@link ActorCell} that every send reads, kept a cache line away from the fields the actor's
 * thread writes for every message it handles ({@link ActorCellPadding}): on a shared line each of those writes
 * would cost the next send a miss. HotSpot lays out a superclass's fields before a subclass's.
 */
abstract class ActorCellSenderFields {
    private static final VarHandle BATON;

    static {
        try {
            BATON = MethodHandles.lookup().findVarHandle(ActorCellSenderFields.class, "baton", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Starts the drainer when a send finds the actor idle. */
    final Dispatcher dispatcher;
    final Mailbox mailbox;
    volatile ActorState state = ActorState.STARTING;
    volatile LuaActorMonitor.Probe probe = LuaActorMonitor.Probe.NONE;
    /** 1 while a thread holds the actor's VM (see {@link ActorCell}'s threading model), else 0. */
    private volatile int baton;

    ActorCellSenderFields(Dispatcher dispatcher, Mailbox mailbox) {
        this.dispatcher = dispatcher;
        this.mailbox = mailbox;
    }

    final boolean batonHeld() {
        return baton != 0;
    }

    /** Takes the baton if nobody holds it. */
    final boolean takeBaton() {
        return BATON.compareAndSet(this, 0, 1);
    }

    final void dropBaton() {
        baton = 0;
    }
}
