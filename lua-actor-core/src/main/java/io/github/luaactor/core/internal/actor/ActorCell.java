package io.github.luaactor.core.internal.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.OverflowPolicy;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.state.DurableState;
import io.github.luaactor.core.internal.mailbox.Mailbox;
import io.github.luaactor.core.internal.vm.ActorScripts;
import io.github.luaactor.core.internal.vm.ActorVm;
import io.github.luaactor.core.internal.vm.CtxOperations;
import io.github.luaactor.core.internal.vm.ModuleUser;

/**
 * One actor: its hot fields, the baton that guards its VM, the enqueue path and the counters of its turns.
 * <p>
 * <b>Threading model.</b> Exactly one thread at a time holds the baton ({@code baton == 1}) and may touch the VM.
 * A sender that finds the baton free takes it and starts a virtual thread that drains the mailbox
 * ({@link DrainLoop}). When a handler calls {@code ctx.send} and the reply is not ready, its thread hands the baton
 * to a fresh drainer and parks ({@link Suspension}); when the reply arrives it queues a {@link Resumption}, and the
 * baton holder hands the VM back at the next message boundary. All hand-offs go through atomics and concurrent
 * queues, which give the happens-before edges LuaJ's unsynchronised VM needs.
 * <p>
 * The rest of an actor lives beside it, in the same package, as static operations on these fields: the public handle
 * ({@link LocalActorRef}), statistics ({@link CellStatistics}), the overflow strategy ({@link OverflowStrategy}),
 * control envelopes ({@link ControlEnvelopes}), the VM's life cycle ({@link VmLifecycle}), supervision
 * ({@link Supervision}), termination ({@link Termination}), suspension in {@code ctx.send} ({@link Suspension}), the
 * caller-thread path of {@code call} ({@link CallerThread}), the running of a turn and its outcome
 * ({@link TurnRunner}) and the {@code ctx} operations ({@link CtxActions}).
 * Static, not objects of their own: an idle actor costs no more memory for the split (density is a benchmark
 * target), and the hot path reaches the same fields with the same loads.
 */
final class ActorCell extends ActorCellPadding implements Recipient, CtxOperations, ModuleUser {
    private static final VarHandle SUCCEEDED;
    private static final VarHandle FAILED;
    private static final VarHandle CHILDREN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUCCEEDED = lookup.findVarHandle(ActorCell.class, "succeeded", long.class);
            FAILED = lookup.findVarHandle(ActorCell.class, "failed", long.class);
            CHILDREN = lookup.findVarHandle(ActorCell.class, "children", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    final ActorSpec spec;
    final ActorSettings settings;
    final SystemParts system;
    final OverflowStrategy overflow;
    final LocalActorRef ref;
    /** Where ctx.state is stored; null when it lives in the VM only. */
    final DurableState durable;
    /** Java recipients visible to this actor only. */
    final Map<String, JavaRecipient> localRecipients;
    final long handlerTimeoutNanos;
    /**
     * Suspended handlers whose reply arrived, waiting for the VM ({@link Suspension}); made at the first (a queue is
     * some 50 bytes, and most actors never suspend). Never set back to null.
     */
    volatile ConcurrentLinkedQueue<Resumption> resumptions;
    final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /**
     * Handlers suspended in {@code ctx.send}; made at the first suspension (a concurrent set is some 80 bytes, and
     * most actors never suspend). Written by the baton holder only; volatile for the statistics' readers.
     */
    volatile Set<Turn> suspendedTurns;

    // Written by the baton holder only (release stores, no atomic read-modify-write), read by anyone.
    volatile long succeeded;
    volatile long failed;
    volatile long restarts;
    /** Messages refused, by {@link DeadLetter.Reason}; made at the first ({@link RefusalCounts}). */
    volatile AtomicLongArray rejected;
    volatile ActorStatistics.ErrorInfo lastError;
    /** Refusals by {@link io.github.luaactor.core.Quota}; made at the first ({@link RefusalCounts}). */
    volatile AtomicLongArray quotaRefusals;
    /** Live actors this one started with {@code ctx.new_actor}; a child's termination counts down. */
    volatile int children;
    /** Pending {@code ctx.notify_later} timers; made at the first (baton holder), cancelled at the stop. */
    volatile Timers.Pending timers;

    volatile ActorScripts scripts;
    volatile boolean forceStop;
    volatile long forceDeadlineNanos;
    volatile boolean stopWhenIdle;
    volatile long restartAtNanos;
    volatile String scriptLocation;

    // Touched only by the baton holder.
    ActorVm vm;
    Turn current;
    boolean stopMarkerSeen;
    boolean stopFinished;
    boolean restartPending;
    boolean finalFailure;
    /** The script called {@code ctx.terminate()}: the monitor hears {@code TERMINATED}. */
    boolean terminatedByScript;
    /** The last failure was {@code on_started}'s before any message was handled: {@code START_FAILED} if final. */
    boolean failedAtStart;
    /** Rate limit of the warnings about failures nobody else hears of; made at the first one. */
    FailureLog failureLog;
    /** When the recent restarts happened; made at the first failure under the restart policy (most never fail). */
    RestartHistory restartHistory;

    ActorCell(SystemParts system, String name, ActorSpec spec, ActorScripts scripts) {
        super(system.dispatcher(), mailboxFor(spec.settings()));
        this.system = system;
        this.name = name;
        this.spec = spec;
        this.settings = spec.settings();
        this.overflow = OverflowStrategy.of(settings);
        this.handlerTimeoutNanos = settings.handlerTimeout().toNanos();
        this.localRecipients = JavaRecipient.all(spec.localRecipients(), system.dispatcher());
        this.scripts = scripts;
        this.scriptLocation = spec.handle().location();
        this.ref = new LocalActorRef(this);
        this.durable = DurableState.of(name, spec.state());
    }

    /** Adds {@code delta} to the live children and returns the new count (an int field: no object per actor). */
    int addChildren(int delta) {
        return (int) CHILDREN.getAndAdd(this, delta) + delta;
    }

    /** Drop-oldest senders take messages out themselves, so only that policy needs a shared consumer. */
    private static Mailbox mailboxFor(ActorSettings settings) {
        return new Mailbox(settings.mailboxCapacity(),
                settings.mailboxCapacity() > 0 && settings.overflowPolicy() == OverflowPolicy.DROP_OLDEST);
    }

    void start() {
        try {
            LuaActorMonitor.Probe started = system.monitor().actorStarted(ref);
            probe = started == null ? LuaActorMonitor.Probe.NONE : started;
        } catch (Throwable t) {
            HostCallbacks.failed(name, "monitor", t);
        }
        if (takeBaton()) {
            dispatcher.startDrainer(this::drain);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ActorCell[" + name + ", " + state + "]";
    }

    // ------------------------------------------------------------------ enqueueing (any thread)

    @Override
    public CompletableFuture<LuaMessage> ask(LuaMessage message, String sender) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        enqueue(message, reply, sender);
        return reply;
    }

    @Override
    public CompletableFuture<LuaMessage> ask(LuaMessage message, String sender, int sendDepth) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        enqueue(message, reply, sender, sendDepth);
        return reply;
    }

    @Override
    public void tell(LuaMessage message, String sender) {
        enqueue(message, null, sender);
    }

    void enqueue(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender) {
        enqueue(message, reply, sender, 0);
    }

    void enqueue(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender, int sendDepth) {
        if (!state.isAlive()) {
            rejectStopped(message, sender);
        }
        if (HeapGuard.refusing()) {
            throw HeapGuard.refusal(name);
        }
        long enqueuedNanos = enqueueTimeIfTimed();
        int bytes = QueuedMessages.bytesIfLarge(message);
        if (reply == null && sender == null && bytes == 0) {
            // Queued bare: a backlog of fire-and-forget messages then costs no envelope each.
            if (mailbox.offer(message, enqueuedNanos)) {
                schedule();
            } else {
                overflow.overflow(this, new Envelope(message, null, null, enqueuedNanos));
            }
            return;
        }
        offerOrOverflow(new Envelope(message, reply, sender, enqueuedNanos, sendDepth), bytes);
    }

    /** A {@code ctx.send} from another actor, with the handlers that wait for its reply. */
    CompletableFuture<LuaMessage> askInChain(LuaMessage message, String sender, WaitChain chain, int sendDepth) {
        if (!state.isAlive()) {
            rejectStopped(message, sender);
        }
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        offerOrOverflow(new ChainedEnvelope(message, reply, sender, enqueueTimeIfTimed(), chain, sendDepth),
                QueuedMessages.bytesIfLarge(message));
        return reply;
    }

    /** {@code bytes}: the message's size if it is large ({@link QueuedMessages#bytesIfLarge}), else 0. */
    private void offerOrOverflow(Envelope envelope, int bytes) {
        if (bytes != 0) {
            // A large message counts towards the actor's memory limit while it waits (QueuedMessages).
            QueuedMessages.admit(this, envelope.message, envelope.sender, bytes);
        }
        if (!(bytes == 0 ? mailbox.offer(envelope) : mailbox.offer(envelope, bytes))) {
            overflow.overflow(this, envelope);
            return;
        }
        schedule();
    }

    /**
     * The enqueue time of a message the monitor will time, or 0. A message that finds its actor idle is always
     * timed, so a lightly loaded actor has every message timed; otherwise one in
     * {@link LuaActorMonitor.Probe#timerSampling()} is. The choice is made here, by the sender, because reading the
     * clock for every send was most of what metrics cost a busy actor (the actor times exactly the stamped ones).
     */
    private long enqueueTimeIfTimed() {
        if (probe == LuaActorMonitor.Probe.NONE) {
            return 0L;
        }
        return !batonHeld() || mailbox.stampThisSend(probe.timerSampling()) ? System.nanoTime() : 0L;
    }

    void rejectStopped(LuaMessage message, String sender) {
        deadLetter(DeadLetter.Reason.ACTOR_STOPPED, message, sender);
        throw new ActorStoppedException(name);
    }

    void deadLetter(DeadLetter.Reason reason, LuaMessage message, String sender) {
        RefusalCounts.rejected(this, reason);
        system.deadLetters().report(name, reason, message, sender);
    }

    /** Queues a control envelope (stop, reload, module reload) regardless of capacity and starts a drainer. */
    void forceAndSchedule(Envelope control) {
        mailbox.force(control);
        schedule();
    }

    void schedule() {
        if (!batonHeld() && takeBaton()) {
            dispatcher.startDrainer(this::drain);
        }
    }

    /** Work that only a drainer does: queued messages, resumed handlers, a restart, a stop to finish. */
    boolean hasPendingWork() {
        return !mailbox.isEmpty() || Suspension.resumptionPending(this) || restartPending || (forceStop && !stopFinished)
                || (stopWhenIdle && !stopFinished);
    }

    /** Gives up the baton held outside a drain loop: to a drainer when work is pending, otherwise to nobody. */
    void releaseBaton() {
        if (hasPendingWork() || goIdleUnlessWorkArrived()) {
            dispatcher.startDrainer(this::drain);
        }
    }

    /**
     * Frees the baton of an actor with nothing to do, then takes it back if work arrived meanwhile: a sender that
     * offered after the last look saw the baton still held and started no drainer, so no message is stranded.
     * True when the baton was taken back (and its holder must go on).
     */
    boolean goIdleUnlessWorkArrived() {
        if (vm != null) {
            // An idle actor keeps no reference to its last message.
            vm.clearMessage();
        }
        dropBaton();
        boolean forcePending = forceStop && !stopFinished;
        return (!mailbox.isEmpty() || Suspension.resumptionPending(this) || forcePending) && takeBaton();
    }

    void drain() {
        DrainLoop.run(this);
    }

    // ------------------------------------------------------------------ turns (baton holder only, see TurnRunner)

    void countSucceeded() {
        SUCCEEDED.setRelease(this, succeeded + 1);
    }

    void countFailed() {
        FAILED.setRelease(this, failed + 1);
    }

    void recordFailure(LuaActorException failure) {
        lastError = new ActorStatistics.ErrorInfo(failure.getClass().getSimpleName(), failure.getMessage(),
                Instant.now());
    }

    // ------------------------------------------------------------------ ctx (baton holder only) and modules

    @Override
    public LuaMessage send(String target, LuaMessage message) {
        int depth = Quotas.checkSend(this, target, message);
        Turn turn = current;
        if (turn == null) {
            return QueuedMessages.received(this,
                    Suspension.await(this, CtxActions.ask(this, target, message, depth), target));
        }
        turn.awaitingReply = true;
        try {
            return QueuedMessages.received(this,
                    Suspension.await(this, CtxActions.ask(this, target, message, depth), target));
        } finally {
            turn.awaitingReply = false;
        }
    }

    @Override
    public void doSend(String target, LuaMessage message) {
        CtxActions.tell(this, target, message);
    }

    @Override
    public void notifySelf(LuaMessage message) {
        CtxActions.notifySelf(this, message);
    }

    @Override
    public void notifyLater(LuaMessage message, double seconds) {
        CtxActions.notifyLater(this, message, seconds);
    }

    @Override
    public void terminate() {
        Turn turn = current;
        if (turn != null) {
            turn.terminateRequested = true;
        }
    }

    @Override
    public String newActor(String script, String actorName) {
        return Quotas.newChild(this, script, actorName);
    }

    @Override
    public boolean forgetModule(String module) {
        return ControlEnvelopes.forgetModule(this, module);
    }
}
