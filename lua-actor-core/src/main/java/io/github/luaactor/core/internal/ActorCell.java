package io.github.luaactor.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.FailurePolicy;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.MailboxFullException;
import io.github.luaactor.core.OverflowPolicy;
import io.github.luaactor.core.UnknownRecipientException;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor: its mailbox, its VM and the baton that guards the VM.
 * <p>
 * <b>Threading model.</b> Exactly one thread at a time holds the baton ({@code baton == 1}) and may touch the VM.
 * A sender that finds the baton free takes it and starts a virtual thread that drains the mailbox. When a handler
 * calls {@code ctx.send} and the reply is not ready, its thread hands the baton to a fresh drainer and parks (a
 * parked virtual thread holds no platform thread); when the reply arrives it queues a {@link Resumption}, and the
 * baton holder hands the VM back at the next message boundary. So the actor keeps handling messages while handlers
 * are suspended, and A→B→A cycles do not deadlock. All hand-offs go through atomics and concurrent queues, which
 * give the happens-before edges LuaJ's unsynchronised VM needs.
 */
public final class ActorCell extends ActorCellPadding implements LuaActorRef, ActorStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);
    /** Messages handled between two looks at whether other actors wait for a carrier thread. */
    private static final int THROUGHPUT = 128;
    /**
     * The longest a drainer keeps its carrier while no other actor waits: virtual threads that are not actors
     * (recipients, the application's own) are not counted, so they get a carrier at least this often.
     */
    private static final long SLICE_NANOS = 1_000_000;
    private static final VarHandle SUCCEEDED;
    private static final VarHandle FAILED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUCCEEDED = lookup.findVarHandle(ActorCell.class, "succeeded", long.class);
            FAILED = lookup.findVarHandle(ActorCell.class, "failed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final ActorSpec spec;
    private final ActorSettings settings;
    private final Map<String, LuaMessageHandler> localRecipients;
    private final long handlerTimeoutNanos;
    private final ConcurrentLinkedQueue<Resumption> resumptions = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Set<Turn> suspendedTurns = ConcurrentHashMap.newKeySet();

    // Written by the baton holder only (release stores, no atomic read-modify-write), read by anyone.
    private volatile long succeeded;
    private volatile long failed;
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLongArray rejected = new AtomicLongArray(DeadLetter.Reason.values().length);
    private volatile ErrorInfo lastError;

    private volatile ActorScripts scripts;
    private volatile boolean forceStop;
    private volatile long forceDeadlineNanos;
    private volatile boolean stopWhenIdle;
    private volatile long restartAtNanos;
    private volatile String scriptLocation;

    // Touched only by the baton holder.
    private ActorVm vm;
    private Turn current;
    private boolean stopMarkerSeen;
    private boolean stopFinished;
    private boolean restartPending;
    private boolean finalFailure;
    /** When the recent restarts happened; made at the first failure under the restart policy (most never fail). */
    private Deque<Long> restartTimes;

    ActorCell(ActorRuntime runtime, String name, ActorSpec spec, ActorScripts scripts) {
        super(runtime, mailboxFor(spec.settings()));
        this.name = name;
        this.spec = spec;
        this.settings = spec.settings();
        this.handlerTimeoutNanos = settings.handlerTimeout().toNanos();
        this.localRecipients = spec.localRecipients();
        this.scripts = scripts;
        this.scriptLocation = spec.handle().location();
    }

    /** Drop-oldest senders take messages out themselves, so only that policy needs a shared consumer. */
    private static Mailbox mailboxFor(ActorSettings settings) {
        return new Mailbox(settings.mailboxCapacity(),
                settings.mailboxCapacity() > 0 && settings.overflowPolicy() == OverflowPolicy.DROP_OLDEST);
    }

    void start() {
        probe = runtime.monitor().actorStarted(this);
        if (takeBaton()) {
            runtime.startDrainer(this::drain);
        }
    }

    // ------------------------------------------------------------------ public API

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<LuaMessage> send(LuaMessage message) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        try {
            enqueue(message, reply, null);
        } catch (LuaActorException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    @Override
    public LuaMessage call(LuaMessage message, Duration timeout) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        if (!handleOnCallerThread(message, reply, System.nanoTime() + timeout.toNanos())) {
            enqueue(message, reply, null);
        }
        return Replies.await(name, reply, timeout);
    }

    @Override
    public void doSend(LuaMessage message) {
        enqueue(message, null, null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        synchronized (this) {
            if (state.isAlive()) {
                state = ActorState.STOPPING;
                mailbox.force(Envelope.STOP);
            }
        }
        schedule();
        return terminated;
    }

    /**
     * After the shutdown timeout: abandon suspended handlers and queued messages, then stop. {@code on_stopped} still
     * runs (the VM is free once no handler runs), and its own {@code ctx.send} calls wait no later than
     * {@code deadlineNanos}, so the shutdown's deadline also bounds the hook.
     */
    void forceStop(long deadlineNanos) {
        stop();
        forceDeadlineNanos = deadlineNanos;
        forceStop = true;
        schedule();
    }

    @Override
    public boolean isAlive() {
        return state.isAlive();
    }

    @Override
    public ActorState state() {
        return state;
    }

    @Override
    public ActorStatistics statistics() {
        return this;
    }

    @Override
    public String scriptLocation() {
        return scriptLocation;
    }

    @Override
    public CompletableFuture<Void> reload(String newSource) {
        return reload(new LuaScript(spec.handle().chunkName(), newSource, spec.handle().location()));
    }

    @Override
    public CompletableFuture<Void> reloadFile(Path file) {
        return reload(LuaScript.of(file));
    }

    /**
     * Compiles the new handler now (a syntax error throws and changes nothing) and queues the swap behind the
     * messages already sent, so they still run on the old script.
     */
    public CompletableFuture<Void> reload(LuaScript script) {
        Prototype compiled = runtime.compiler().compile(name, script);
        ReloadEnvelope reload = new ReloadEnvelope(compiled, script.location());
        synchronized (this) {
            if (!state.isAlive()) {
                throw new ActorStoppedException(name);
            }
            mailbox.force(reload);
        }
        schedule();
        return reload.done;
    }

    @Override
    public CompletableFuture<Void> whenTerminated() {
        return terminated;
    }

    @Override
    public CompletableFuture<LuaMessage> stateSnapshot() {
        StateSnapshotEnvelope snapshot = new StateSnapshotEnvelope();
        synchronized (this) {
            if (!state.isAlive()) {
                snapshot.refuse(name);
                return snapshot.done;
            }
            mailbox.force(snapshot);
        }
        schedule();
        return snapshot.done;
    }

    @Override
    public String toString() {
        return "LuaActorRef[" + name + ", " + state + "]";
    }

    // ------------------------------------------------------------------ statistics

    @Override
    public int mailboxSize() {
        return mailbox.size();
    }

    @Override
    public int mailboxCapacity() {
        return mailbox.capacity();
    }

    @Override
    public long received() {
        return mailbox.accepted();
    }

    @Override
    public long succeeded() {
        return succeeded;
    }

    @Override
    public long failed() {
        return failed;
    }

    @Override
    public Map<DeadLetter.Reason, Long> rejected() {
        Map<DeadLetter.Reason, Long> copy = new EnumMap<>(DeadLetter.Reason.class);
        for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
            copy.put(reason, rejected.get(reason.ordinal()));
        }
        return copy;
    }

    /** Dead letters of one reason, without allocating. */
    public long rejected(DeadLetter.Reason reason) {
        return rejected.get(reason.ordinal());
    }

    @Override
    public int suspended() {
        return suspendedTurns.size();
    }

    @Override
    public long restarts() {
        return restarts.get();
    }

    @Override
    public ErrorInfo lastError() {
        return lastError;
    }

    public ActorSettings settings() {
        return settings;
    }

    boolean compileHandlers() {
        return runtime.compileHandlers();
    }

    Modules modules() {
        return runtime.modules();
    }

    /** Queues the removal of a module from this actor's VM; false when the actor no longer runs. */
    boolean forgetModule(String module) {
        synchronized (this) {
            if (!state.isAlive()) {
                return false;
            }
            mailbox.force(new ModuleReloadEnvelope(module));
        }
        schedule();
        return true;
    }

    /** The system's customizers followed by this actor's own. */
    List<io.github.luaactor.core.LuaVmCustomizer> customizers() {
        List<io.github.luaactor.core.LuaVmCustomizer> all = new java.util.ArrayList<>(runtime.customizers());
        all.addAll(spec.customizers());
        return all;
    }

    // ------------------------------------------------------------------ enqueueing

    private void enqueue(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender) {
        if (!state.isAlive()) {
            rejectStopped(message, reply, sender);
        }
        long enqueuedNanos = enqueueTimeIfTimed();
        if (reply == null && sender == null) {
            // Queued bare: a backlog of fire-and-forget messages then costs no envelope each.
            if (mailbox.offer(message, enqueuedNanos)) {
                schedule();
            } else {
                overflow(new Envelope(message, null, null, enqueuedNanos));
            }
            return;
        }
        Envelope envelope = new Envelope(message, reply, sender, enqueuedNanos);
        if (!mailbox.offer(envelope)) {
            overflow(envelope);
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

    private void rejectStopped(LuaMessage message, CompletableFuture<LuaMessage> reply, String sender) {
        deadLetter(DeadLetter.Reason.ACTOR_STOPPED, message, sender);
        throw new ActorStoppedException(name);
    }

    private void overflow(Envelope envelope) {
        OverflowPolicy policy = settings.overflowPolicy();
        switch (policy) {
            case DROP_NEWEST -> {
                deadLetter(DeadLetter.Reason.DROPPED_NEWEST, envelope.message, envelope.sender);
                if (envelope.reply != null) {
                    envelope.reply.completeExceptionally(new MailboxFullException(name, mailbox.capacity()));
                }
            }
            case DROP_OLDEST -> {
                do {
                    Envelope oldest = mailbox.removeOldestMessage();
                    if (oldest == null) {
                        // Only stop and reload envelopes fill the mailbox; they are never dropped, so this one is.
                        deadLetter(DeadLetter.Reason.DROPPED_NEWEST, envelope.message, envelope.sender);
                        if (envelope.reply != null) {
                            envelope.reply.completeExceptionally(new MailboxFullException(name, mailbox.capacity()));
                        }
                        return;
                    }
                    deadLetter(DeadLetter.Reason.DROPPED_OLDEST, oldest.message, oldest.sender);
                    if (oldest.reply != null) {
                        oldest.reply.completeExceptionally(new MailboxFullException(name, mailbox.capacity()));
                    }
                } while (!mailbox.offer(envelope));
                schedule();
            }
            case BLOCK -> {
                long deadline = System.nanoTime() + settings.enqueueTimeout().toNanos();
                long pause = 10_000;
                while (System.nanoTime() - deadline < 0) {
                    LockSupport.parkNanos(this, pause);
                    pause = Math.min(pause * 2, 1_000_000);
                    if (!state.isAlive()) {
                        rejectStopped(envelope.message, envelope.reply, envelope.sender);
                    }
                    if (mailbox.offer(envelope)) {
                        schedule();
                        return;
                    }
                }
                reject(envelope);
            }
            case REJECT -> reject(envelope);
        }
    }

    private void reject(Envelope envelope) {
        deadLetter(DeadLetter.Reason.MAILBOX_FULL, envelope.message, envelope.sender);
        throw new MailboxFullException(name, mailbox.capacity());
    }

    void deadLetter(DeadLetter.Reason reason, LuaMessage message, String sender) {
        rejected.incrementAndGet(reason.ordinal());
        runtime.deadLetter(name, reason, message, sender);
    }

    /**
     * Runs the handler on the calling thread when the actor is idle: a blocking caller waits anyway, and this saves
     * waking a carrier thread and then the caller. Holding the baton makes this thread the only one touching the VM,
     * as a drainer would be, and the mailbox is empty, so no queued message is overtaken. A handler that suspends
     * in {@code ctx.send} hands the VM to a drainer as usual; this thread then waits like the caller would have.
     */
    private boolean handleOnCallerThread(LuaMessage message, CompletableFuture<LuaMessage> reply,
            long deadlineNanos) {
        if (state != ActorState.RUNNING || batonHeld() || !takeBaton()) {
            return false;
        }
        if (vm == null || hasPendingWork()) {
            releaseBaton();
            return false;
        }
        mailbox.countBypass();
        Integer callerLimit = SandboxLimits.replaceMaxStringLength(settings.maxStringLength());
        BudgetHook callerHook = BudgetHook.boundToCurrentThread();
        try {
            handle(new Envelope(message, reply, null, probe == LuaActorMonitor.Probe.NONE ? 0L : System.nanoTime()),
                    deadlineNanos);
        } catch (Throwable t) {
            LOG.error("Lua actor '{}': internal error while handling a call on the caller's thread", name, t);
            reply.completeExceptionally(new LuaActorException(name, "internal error in Lua actor '" + name + "'", t));
        } finally {
            ActorVm current = vm;
            if (current != null) {
                current.hook.unbindCurrentThread(callerHook);
            }
            SandboxLimits.restore(callerLimit);
            releaseBaton();
        }
        return true;
    }

    /** Work that only a drainer does: queued messages, resumed handlers, a restart, a stop to finish. */
    private boolean hasPendingWork() {
        return !mailbox.isEmpty() || !resumptions.isEmpty() || restartPending || (forceStop && !stopFinished)
                || (stopWhenIdle && !stopFinished);
    }

    /** Gives up the baton held outside a drain loop: to a drainer when work is pending, otherwise to nobody. */
    private void releaseBaton() {
        if (hasPendingWork()) {
            runtime.startDrainer(this::drain);
            return;
        }
        if (goIdleUnlessWorkArrived()) {
            runtime.startDrainer(this::drain);
        }
    }

    /**
     * Frees the baton of an actor with nothing to do, then takes it back if work arrived meanwhile: a sender that
     * offered after the last look saw the baton still held and started no drainer, so no message is stranded.
     * True when the baton was taken back (and its holder must go on).
     */
    private boolean goIdleUnlessWorkArrived() {
        if (vm != null) {
            // An idle actor keeps no reference to its last message.
            vm.clearMessage();
        }
        dropBaton();
        boolean forcePending = forceStop && !stopFinished;
        return (!mailbox.isEmpty() || !resumptions.isEmpty() || forcePending) && takeBaton();
    }

    private void schedule() {
        if (!batonHeld() && takeBaton()) {
            runtime.startDrainer(this::drain);
        }
    }

    // ------------------------------------------------------------------ the drain loop (baton holder only)

    private void drain() {
        SandboxLimits.setMaxStringLength(settings.maxStringLength());
        try {
            drainLoop();
        } catch (Throwable t) {
            LOG.error("Lua actor '{}': internal error in its drain loop", name, t);
            dropBaton();
        }
    }

    private void drainLoop() {
        int batch = THROUGHPUT;
        long sliceStart = 0;
        // The baton is held on entry and passed on (or released) on every exit.
        while (true) {
            Resumption resumption = resumptions.poll();
            if (resumption != null) {
                resumption.grant();
                return;
            }
            if (restartPending && !forceStop) {
                long wait = restartAtNanos - System.nanoTime();
                if (wait > 0) {
                    // Keep the baton through the back-off: nobody else may start a drainer meanwhile.
                    runtime.schedule(this::drain, wait);
                    return;
                }
                restartPending = false;
                restartVm();
                continue;
            }
            if (vm == null && !stopFinished) {
                createVm();
                continue;
            }
            if (forceStop && !stopFinished) {
                abandonEverything();
                continue;
            }
            Envelope envelope = mailbox.poll();
            if (envelope == null) {
                if (stopWhenIdle && !stopFinished && suspendedTurns.isEmpty()) {
                    finishStop();
                    continue;
                }
                if (!goIdleUnlessWorkArrived()) {
                    return;
                }
                continue;
            }
            if (envelope == Envelope.STOP) {
                stopMarkerSeen = true;
                stopWhenIdle = true;
                continue;
            }
            if (envelope instanceof ModuleReloadEnvelope moduleReload) {
                if (vm != null) {
                    Modules.forget(vm, moduleReload.module);
                }
                continue;
            }
            if (envelope instanceof StateSnapshotEnvelope snapshot) {
                snapshot.answer(name, vm);
                continue;
            }
            if (envelope instanceof ReloadEnvelope reload) {
                if (stopFinished || stopMarkerSeen) {
                    reload.done.completeExceptionally(new ActorStoppedException(name));
                } else {
                    applyReload(reload);
                }
                continue;
            }
            if (stopFinished || stopMarkerSeen) {
                refuseAfterStop(envelope, DeadLetter.Reason.ACTOR_STOPPED);
                continue;
            }
            handle(envelope);
            if (--batch == 0) {
                batch = THROUGHPUT;
                long now = System.nanoTime();
                if (sliceStart == 0) {
                    sliceStart = now;
                }
                if (runtime.drainersWaiting() || now - sliceStart > SLICE_NANOS) {
                    // Continue on a fresh virtual thread, which queues behind the other actors' (Thread.yield()
                    // let a busy drainer run again at once and starve the others). With nobody waiting, going on
                    // here saves waking another carrier for nothing.
                    runtime.startDrainer(this::drain);
                    return;
                }
            }
        }
    }

    private void refuseAfterStop(Envelope envelope, DeadLetter.Reason reason) {
        if (envelope instanceof ModuleReloadEnvelope) {
            return;
        }
        if (envelope instanceof ReloadEnvelope reload) {
            reload.done.completeExceptionally(new ActorStoppedException(name));
            return;
        }
        if (envelope instanceof StateSnapshotEnvelope snapshot) {
            snapshot.refuse(name);
            return;
        }
        deadLetter(reason, envelope.message, envelope.sender);
        if (envelope.reply != null) {
            envelope.reply.completeExceptionally(new ActorStoppedException(name));
        }
    }

    private void createVm() {
        vm = new ActorVm(this, scripts);
        if (state == ActorState.STARTING || state == ActorState.RESTARTING) {
            state = ActorState.RUNNING;
        }
        if (vm.started != null) {
            runHook(vm.started, "on_started");
        }
    }

    private void restartVm() {
        restarts.incrementAndGet();
        vm = null;
        if (state == ActorState.RESTARTING) {
            LOG.info("Lua actor '{}': restarting with a fresh VM", name);
        }
        createVm();
    }

    private void applyReload(ReloadEnvelope reload) {
        scripts = scripts.withHandle(reload.handle, null);
        scriptLocation = reload.location;
        if (vm != null) {
            vm.customize(customizers());
            vm.handle = vm.handler(reload.handle);
            if (vm.reload != null) {
                runHook(vm.reload, "on_reload");
            }
        }
        reload.done.complete(null);
    }

    /** Runs {@code on_started}, {@code on_stopped} or {@code on_reload}; a failure goes to supervision. */
    private void runHook(LuaClosure hook, String hookName) {
        Turn turn = new Turn(null, vm, LuaValue.NIL, hookName);
        LuaActorException failure = runTurn(turn, hook);
        if (failure != null) {
            recordFailure(failure);
            LOG.warn("Lua actor '{}': {} failed: {}", name, hookName, failure.getMessage());
            if (!"on_stopped".equals(hookName)) {
                supervise(failure);
            }
        }
        afterTurn(turn);
    }

    private void handle(Envelope envelope) {
        handle(envelope, 0L);
    }

    /** {@code callerDeadlineNanos}: when not 0, a {@code ctx.send} of this handler waits no later than this. */
    private void handle(Envelope envelope, long callerDeadlineNanos) {
        LuaValue message = MessageCodec.toLua(envelope.message);
        Turn turn = new Turn(envelope, vm, message, "handle");
        turn.callerDeadlineNanos = callerDeadlineNanos;
        // Only messages stamped when sent are timed (see enqueueTimeIfTimed).
        long startNanos = envelope.enqueuedNanos != 0 ? System.nanoTime() : 0;
        LuaActorException failure = runTurn(turn, vm.handle);
        if (turn.abandoned) {
            return;
        }
        if (startNanos != 0) {
            // Before the reply: a sender that has its answer also sees the message in the timers.
            long end = System.nanoTime();
            probe.handled(startNanos - envelope.enqueuedNanos, end - startNanos - turn.suspendedNanos,
                    failure == null);
        }
        if (failure == null) {
            SUCCEEDED.setRelease(this, succeeded + 1);
            if (envelope.reply != null) {
                envelope.reply.complete(turn.result);
            }
        } else {
            FAILED.setRelease(this, failed + 1);
            recordFailure(failure);
            if (envelope.reply == null) {
                LOG.warn("Lua actor '{}': a fire-and-forget message failed: {}", name, failure.getMessage());
            } else {
                envelope.reply.completeExceptionally(failure);
            }
        }
        if (failure != null) {
            supervise(failure);
        }
        afterTurn(turn);
    }

    /** Runs one turn, leaving the reply (if one is wanted) in {@code turn.result}. Returns the failure, or null. */
    private LuaActorException runTurn(Turn turn, LuaFunction fn) {
        ActorVm turnVm = turn.vm;
        current = turn;
        turnVm.hook.begin(settings.instructionLimit(), handlerTimeoutNanos);
        try {
            LuaValue result = turnVm.run(fn, turn.luaMessage);
            if (turn.envelope != null && turn.envelope.reply != null) {
                turn.result = MessageCodec.fromLua(result);
            }
            return null;
        } catch (TurnAbandoned abandoned) {
            return null;
        } catch (Throwable t) {
            if (turn.abandoned) {
                return null;
            }
            return LuaErrors.convert(name, chunkOf(turn), t, turnVm.hook);
        } finally {
            // ctx.msg stays until the next turn replaces it or the actor goes idle (goIdleUnlessWorkArrived).
            current = null;
        }
    }

    private String chunkOf(Turn turn) {
        return switch (turn.hook) {
            case "on_started" -> spec.started().chunkName();
            case "on_stopped" -> spec.stopped().chunkName();
            case "on_reload" -> spec.reload().chunkName();
            default -> spec.handle().chunkName();
        };
    }

    private void recordFailure(LuaActorException failure) {
        lastError = new ErrorInfo(failure.getClass().getSimpleName(), failure.getMessage(), Instant.now());
    }

    private void afterTurn(Turn turn) {
        if (turn.terminateRequested && state.isAlive()) {
            beginStopNow(ActorState.STOPPING);
        }
        if (stopWhenIdle && !stopFinished && suspendedTurns.isEmpty() && mailbox.isEmpty()) {
            finishStop();
        }
    }

    private void supervise(LuaActorException failure) {
        if (stopFinished || !state.isAlive()) {
            return;
        }
        FailurePolicy policy = settings.onFailure();
        switch (policy) {
            case RESUME -> {
            }
            case STOP -> {
                LOG.warn("Lua actor '{}' stops after a failure (on-failure: stop)", name);
                finalFailure = true;
                beginStopNow(ActorState.STOPPING);
            }
            case RESTART -> {
                ActorSettings.RestartSettings restart = settings.restart();
                long now = System.nanoTime();
                long window = restart.window().toNanos();
                if (restartTimes == null) {
                    restartTimes = new ArrayDeque<>();
                }
                while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() > window) {
                    restartTimes.pollFirst();
                }
                if (restartTimes.size() >= restart.maxRestarts()) {
                    LOG.error("Lua actor '{}' failed {} times within {}; it stops for good", name,
                            restartTimes.size() + 1, restart.window());
                    finalFailure = true;
                    beginStopNow(ActorState.STOPPING);
                    return;
                }
                restartTimes.addLast(now);
                long backoff = restart.minBackoff().toNanos() << Math.min(20, restartTimes.size() - 1);
                backoff = Math.min(backoff, restart.maxBackoff().toNanos());
                state = ActorState.RESTARTING;
                restartAtNanos = now + backoff;
                restartPending = true;
            }
        }
    }

    /** Stops without handling what is queued (terminate, or supervision): queued messages become dead letters. */
    private void beginStopNow(ActorState next) {
        synchronized (this) {
            state = next;
        }
        stopMarkerSeen = true;
        stopWhenIdle = true;
        Envelope envelope;
        while ((envelope = mailbox.poll()) != null) {
            if (envelope != Envelope.STOP) {
                refuseAfterStop(envelope, DeadLetter.Reason.ACTOR_STOPPED);
            }
        }
    }

    private void abandonEverything() {
        for (Turn turn : suspendedTurns) {
            turn.abandoned = true;
            if (turn.envelope != null) {
                // The message was accepted but never answered: it is a dead letter like the queued ones.
                deadLetter(DeadLetter.Reason.SHUTDOWN_TIMEOUT, turn.envelope.message, turn.envelope.sender);
                if (turn.envelope.reply != null) {
                    turn.envelope.reply.completeExceptionally(
                            new ActorStoppedException(name, "stopped while waiting for a reply in ctx.send"));
                }
            }
        }
        suspendedTurns.clear();
        stopMarkerSeen = true;
        Envelope envelope;
        while ((envelope = mailbox.poll()) != null) {
            if (envelope != Envelope.STOP) {
                refuseAfterStop(envelope, DeadLetter.Reason.SHUTDOWN_TIMEOUT);
            }
        }
        finishStop();
    }

    private void finishStop() {
        if (stopFinished) {
            return;
        }
        stopFinished = true;
        synchronized (this) {
            state = ActorState.STOPPING;
        }
        // Also after a forced stop: the baton holder runs no other handler, so the VM is free, and the hook's
        // instruction and time budget bound it like any handler.
        if (vm != null && vm.stopped != null) {
            runHook(vm.stopped, "on_stopped");
        }
        synchronized (this) {
            state = finalFailure ? ActorState.FAILED : ActorState.STOPPED;
        }
        Envelope envelope;
        while ((envelope = mailbox.poll()) != null) {
            if (envelope != Envelope.STOP) {
                refuseAfterStop(envelope, DeadLetter.Reason.ACTOR_STOPPED);
            }
        }
        runtime.unregister(this);
        runtime.modules().actorStopped(this);
        vm = null;
        try {
            runtime.monitor().actorStopped(this);
        } finally {
            terminated.complete(null);
        }
    }

    // ------------------------------------------------------------------ ctx functions (baton holder only)

    LuaMessage luaSend(String target, LuaMessage message) {
        CompletableFuture<LuaMessage> reply = ask(target, message);
        return await(reply, target);
    }

    void luaDoSend(String target, LuaMessage message) {
        LuaMessageHandler local = localRecipients.get(target);
        if (local != null) {
            runtime.callJava(target, local, message);
            return;
        }
        Object recipient = runtime.lookup(target);
        switch (recipient) {
            case ActorCell cell -> {
                try {
                    cell.enqueue(message, null, name);
                } catch (LuaActorException e) {
                    throw new LuaError(luaMessage(e));
                }
            }
            case LuaMessageHandler handler -> runtime.callJava(target, handler, message);
            case null -> throw unknownRecipient(target, message);
            default -> throw new IllegalStateException("unexpected recipient " + recipient);
        }
    }

    void luaNotify(LuaMessage message) {
        try {
            enqueue(message, null, name);
        } catch (LuaActorException e) {
            throw new LuaError(luaMessage(e));
        }
    }

    void luaNotifyLater(LuaMessage message, double seconds) {
        long nanos = (long) (seconds * 1e9);
        runtime.scheduleTimer(() -> {
            try {
                enqueue(message, null, name);
            } catch (LuaActorException e) {
                LOG.debug("Lua actor '{}': notify_later message not delivered: {}", name, e.getMessage());
            }
        }, nanos);
    }

    void luaTerminate() {
        Turn turn = current;
        if (turn != null) {
            turn.terminateRequested = true;
        }
    }

    String luaNewActor(String script, String actorName) {
        LuaScript resolved = runtime.resolver().resolve(script).orElseThrow(() -> new LuaError(
                "ctx.new_actor: no script '" + script + "' (scripts are found through the system's script resolver)"));
        if (actorName != null && runtime.lookup(actorName) != null) {
            throw new LuaError("ctx.new_actor: the name '" + actorName + "' is already taken");
        }
        try {
            String newName = actorName == null ? runtime.generateName(baseName(script)) : actorName;
            return runtime.spawn(new ActorSpec(newName, resolved, null, null, null, runtime.defaults(), Map.of(), List.of()))
                    .name();
        } catch (LuaScriptException e) {
            throw new LuaError("ctx.new_actor: " + e.getMessage());
        } catch (LuaActorException | IllegalStateException e) {
            throw new LuaError("ctx.new_actor: " + e.getMessage());
        }
    }

    private static String baseName(String script) {
        String base = script;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (slash >= 0) {
            base = base.substring(slash + 1);
        }
        return base.endsWith(".lua") ? base.substring(0, base.length() - 4) : base;
    }

    private CompletableFuture<LuaMessage> ask(String target, LuaMessage message) {
        LuaMessageHandler local = localRecipients.get(target);
        if (local != null) {
            return runtime.callJava(target, local, message);
        }
        Object recipient = runtime.lookup(target);
        return switch (recipient) {
            case ActorCell cell -> {
                CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
                try {
                    cell.enqueue(message, reply, name);
                } catch (LuaActorException e) {
                    throw new LuaError(luaMessage(e));
                }
                yield reply;
            }
            case LuaMessageHandler handler -> runtime.callJava(target, handler, message);
            case null -> throw unknownRecipient(target, message);
            default -> throw new IllegalStateException("unexpected recipient " + recipient);
        };
    }

    private LuaError unknownRecipient(String target, LuaMessage message) {
        rejected.incrementAndGet(DeadLetter.Reason.UNKNOWN_RECIPIENT.ordinal());
        runtime.deadLetter(target, DeadLetter.Reason.UNKNOWN_RECIPIENT, message, name);
        return new LuaError(new UnknownRecipientException(name, target).getMessage().replace(" (sent by actor '"
                + name + "')", ""));
    }

    private static String luaMessage(LuaActorException e) {
        return e.getMessage();
    }

    /**
     * Waits for a reply inside a handler. If it is not there yet, the VM is handed to a fresh drainer and this
     * (virtual) thread parks until the reply arrives and the VM is handed back.
     */
    private LuaMessage await(CompletableFuture<LuaMessage> reply, String target) {
        if (!reply.isDone()) {
            suspendUntilDone(reply);
        }
        try {
            return reply.getNow(LuaMessage.NIL);
        } catch (java.util.concurrent.CompletionException e) {
            throw replyError(target, e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw new LuaError("ctx.send to '" + target + "' was cancelled");
        }
    }

    private void suspendUntilDone(CompletableFuture<LuaMessage> reply) {
        Turn turn = current;
        ActorVm turnVm = turn.vm;
        BudgetHook.Saved budget = turnVm.hook.save();
        LuaThread running = turnVm.globals.running;
        turnVm.globals.running = turnVm.mainThread;
        long suspendedAt = System.nanoTime();
        suspendedTurns.add(turn);
        current = null;
        // Hooks (on_started, on_stopped, on_reload) finish before anything else runs: they keep the VM.
        boolean handOver = turn.envelope != null;
        if (handOver) {
            runtime.startDrainer(this::drain);
        }
        try {
            reply.get(waitNanos(turn), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.completeExceptionally(turn.callerDeadlineNanos != 0
                    && System.nanoTime() - turn.callerDeadlineNanos >= 0 ? new CallerDeadlinePassed()
                            : new TimeoutException("timeout: no reply within " + settings.askTimeout().toMillis()
                                    + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.completeExceptionally(e);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // the outcome is read from the future after the VM is handed back
        }
        if (handOver) {
            reacquire();
        }
        suspendedTurns.remove(turn);
        if (turn.abandoned) {
            throw new TurnAbandoned();
        }
        current = turn;
        turnVm.hook.restore(budget);
        turnVm.globals.running = running;
        turnVm.ctx.message(turn.luaMessage);
        turn.suspendedNanos += System.nanoTime() - suspendedAt;
        SandboxLimits.setMaxStringLength(settings.maxStringLength());
    }

    /** The ask timeout, cut short by a forced stop's deadline (which an on_stopped hook may still be running to). */
    private long waitNanos(Turn turn) {
        long wait = settings.askTimeout().toNanos();
        if (turn.callerDeadlineNanos != 0) {
            wait = Math.max(0, Math.min(wait, turn.callerDeadlineNanos - System.nanoTime()));
        }
        if (forceStop) {
            wait = Math.max(0, Math.min(wait, forceDeadlineNanos - System.nanoTime()));
        }
        return wait;
    }

    private void reacquire() {
        if (takeBaton()) {
            return;
        }
        Resumption resumption = new Resumption(Thread.currentThread());
        resumptions.add(resumption);
        if (takeBaton()) {
            if (resumptions.remove(resumption)) {
                return;
            }
            // Impossible while we hold the baton, but never leave it held by nobody.
            dropBaton();
        }
        resumption.awaitGrant(this);
    }

    private LuaError replyError(String target, Throwable cause) {
        if (cause instanceof CallerDeadlinePassed) {
            return new LuaError("timeout: no reply from '" + target + "' before the timeout of the Java caller's "
                    + "call to '" + name + "'");
        }
        if (cause instanceof TimeoutException) {
            return new LuaError("timeout: no reply from '" + target + "' within " + settings.askTimeout().toMillis()
                    + " ms");
        }
        if (cause instanceof LuaActorException e) {
            return new LuaError(e.getMessage());
        }
        return new LuaError("recipient '" + target + "' failed: " + cause);
    }

    /**
     * A handler running on a {@link #call} caller's thread waited in {@code ctx.send} until the caller's own
     * timeout: the caller's thread cannot leave before the handler does, so the wait ends there.
     */
    private static final class CallerDeadlinePassed extends TimeoutException {
        CallerDeadlinePassed() {
            super("the caller's timeout passed");
        }
    }

    /** Unwinds a handler whose actor was stopped while it waited; never seen by Lua ({@code pcall} cannot catch it). */
    static final class TurnAbandoned extends Error {
        TurnAbandoned() {
            super("abandoned", null, false, false);
        }
    }

    private record PendingReload(Prototype handle, String location, CompletableFuture<Void> done) {
    }
}
