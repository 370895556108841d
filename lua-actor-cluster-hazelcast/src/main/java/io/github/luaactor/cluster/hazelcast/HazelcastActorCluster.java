package io.github.luaactor.cluster.hazelcast;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.topic.ITopic;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.RemoteActors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a Lua actor cluster: a {@link LuaActorSystem} whose catalogued actors live on the owner of their
 * name's partition, wherever they are sent from, with their {@code ctx.state} committed to a replicated map.
 *
 * <pre>{@code
 * HazelcastInstance hz = Hazelcast.newHazelcastInstance(LoopbackHazelcast.config("demo", 5701, 3, settings));
 * ActorCatalog catalog = new ActorCatalog().define("counter/*", () -> LuaActorBuilder.create().onHandle(script));
 * HazelcastActorCluster cluster = HazelcastActorCluster.start(hz, LuaActorSystem.builder(), catalog, settings);
 * cluster.ref("counter/7").send(LuaMessage.from(1)).get();
 * }</pre>
 *
 * Closing it closes the actor system when {@link #start} built it, never the Hazelcast instance, which belongs to
 * whoever created it.
 */
public final class HazelcastActorCluster implements AutoCloseable {
    static final String USER_CONTEXT_KEY = HazelcastActorCluster.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastActorCluster.class);

    private final HazelcastInstance hazelcast;
    private final ActorCatalog catalog;
    private final ClusterSettings settings;
    private final WireCodec codec;
    private final PendingAsks pending;
    private final LocalActivations activations;
    private final HazelcastStateStore store;
    private final ClusterRouter router;
    private final ClusterCounters counters = new ClusterCounters();
    private final MemberTransport transport;
    private final PartitionInbox inbox;
    private volatile LuaActorSystem system;
    /** Asks from other members handed to actors here and not answered yet. */
    private final AtomicInteger answering = new AtomicInteger();
    private boolean ownsSystem;
    private UUID membershipRegistration;
    private UUID migrationRegistration;
    private ITopic<byte[]> topic;
    private UUID topicRegistration;

    private HazelcastActorCluster(HazelcastInstance hazelcast, ActorCatalog catalog, ClusterSettings settings) {
        this.hazelcast = hazelcast;
        this.catalog = catalog;
        this.settings = settings;
        this.pending = new PendingAsks(hazelcast.getName(), settings.askTimeout());
        this.codec = new WireCodec(settings.maxMessageBytes());
        this.store = new HazelcastStateStore(hazelcast.getMap(settings.stateMap()));
        this.activations = new LocalActivations(catalog, store);
        this.transport = new MemberTransport(hazelcast, new BatchFrame(settings.maxMessageBytes()), pending,
                counters);
        this.router = new ClusterRouter(hazelcast, catalog, activations, pending, codec, settings, counters,
                transport);
        this.inbox = new PartitionInbox(hazelcast.getName(), e -> e instanceof Envelope.Deliver d
                && activations.activeNonBlocking(d.actor()) != null && router.ownedHereCached(d.actor()),
                this::deliverAll);
    }

    /**
     * A member that is not running yet, for a caller that builds the actor system itself (the Spring
     * auto-configuration): give {@link #remoteActors()} to the system's builder,
     * then {@link #bind(LuaActorSystem)} the system it built.
     */
    public static HazelcastActorCluster create(HazelcastInstance hazelcast, ActorCatalog catalog,
            ClusterSettings settings) {
        return new HazelcastActorCluster(Objects.requireNonNull(hazelcast, "hazelcast"),
                Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(settings, "settings"));
    }

    /** What {@link LuaActorSystem.Builder#remoteActors} needs: routing to cluster actors on other members. */
    public RemoteActors remoteActors() {
        return router;
    }

    /**
     * Starts taking part: this member activates cluster actors in {@code system} (which must have been built with
     * {@link #remoteActors()}) and accepts messages from the others.
     *
     * @throws IllegalStateException when the Hazelcast instance already runs a member, or this one is bound
     */
    public synchronized HazelcastActorCluster bind(LuaActorSystem system) {
        if (this.system != null) {
            throw new IllegalStateException("This Lua actor cluster member is already bound to an actor system");
        }
        activations.bind(Objects.requireNonNull(system, "system"));
        this.system = system;
        if (hazelcast.getUserContext().putIfAbsent(USER_CONTEXT_KEY, this) != null) {
            throw new IllegalStateException("This Hazelcast instance already runs a Lua actor cluster member");
        }
        this.membershipRegistration = hazelcast.getCluster().addMembershipListener(new Membership());
        this.migrationRegistration = hazelcast.getPartitionService().addMigrationListener(new Migrations());
        this.topic = hazelcast.getTopic(ClusterSettings.MEMBER_TOPIC_PREFIX
                + hazelcast.getCluster().getLocalMember().getUuid());
        // Known to every member before this returns (a member joining later learns it as it joins); then the
        // others are told that this member listens.
        this.topicRegistration = topic.addMessageListener(new TopicListener(transport, this::deliverAll, inbox));
        transport.greet();
        return this;
    }

    /**
     * Starts a member on a running Hazelcast instance configured with {@link LoopbackHazelcast#apply} (or the same
     * executors and state map settings). {@code builder} configures the actor system as in single-JVM mode.
     */
    public static HazelcastActorCluster start(HazelcastInstance hazelcast, LuaActorSystem.Builder builder,
            ActorCatalog catalog, ClusterSettings settings) {
        HazelcastActorCluster member = create(hazelcast, catalog, settings);
        LuaActorSystem system = builder.remoteActors(member.router).build();
        try {
            member.bind(system);
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        member.ownsSystem = true;
        return member;
    }

    static HazelcastActorCluster of(HazelcastInstance hazelcast) {
        Object member = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        if (member == null) {
            throw new IllegalStateException("No Lua actor cluster member runs on Hazelcast member "
                    + hazelcast.getName() + " (yet): a message for it was dropped");
        }
        return (HazelcastActorCluster) member;
    }

    /** The local actor system: Java recipients, non-cluster actors, and the cluster actors active here. */
    public LuaActorSystem system() {
        LuaActorSystem bound = system;
        if (bound == null) {
            throw new IllegalStateException("This Lua actor cluster member is not bound to an actor system yet");
        }
        return bound;
    }

    /** A handle on a cluster actor, wherever it lives; valid on every member and across moves. */
    public LuaActorRef ref(String name) {
        if (!catalog.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a cluster actor: define it (or a prefix of it)"
                    + " in the ActorCatalog of every member");
        }
        return new ClusterActorRef(name, router, activations);
    }

    /** The member that owns the actor's partition: where it is, or will be, active. */
    public Member ownerOf(String name) {
        return router.owner(name);
    }

    public Member localMember() {
        return hazelcast.getCluster().getLocalMember();
    }

    public List<Member> members() {
        return List.copyOf(hazelcast.getCluster().getMembers());
    }

    /** Names of the cluster actors active on this member. */
    public Set<String> localActivations() {
        return activations.names();
    }

    /** The replicated state map with revisions. */
    public HazelcastStateStore stateStore() {
        return store;
    }

    public ClusterCounters counters() {
        return counters;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Whether deliveries from this member to {@code member} go on its topic (else by partition operation). */
    boolean deliversOnTopicTo(Member member) {
        return transport.topics().listening(member);
    }

    /** Asks sent to other members and not yet answered. */
    public int pendingAsks() {
        return pending.size();
    }

    /**
     * Runs on this member's delivery thread: a {@link BatchTask} arrived. Every envelope is read before any is
     * delivered, so a frame this member cannot read fails as a whole at its sender.
     */
    void received(byte[] frame) {
        deliverAll(transport.frames().read(frame));
    }

    /**
     * Runs on a partition thread: a {@link DeliverProcessor} arrived. Read as a whole first (a frame this member
     * cannot read fails at its sender); delivered there or on the delivery thread ({@link PartitionInbox}).
     */
    void receivedOnPartitionThread(byte[] frame) {
        List<Envelope> envelopes = transport.frames().read(frame);
        ProcessorThread.run(() -> inbox.accept(envelopes));
    }

    private void deliverAll(List<Envelope> envelopes) {
        for (Envelope envelope : envelopes) {
            try {
                switch (envelope) {
                    case Envelope.Deliver d -> deliver(d);
                    case Envelope.Reply r -> replied(r.actor(), r.correlationId(), r.payload(), null, null);
                    case Envelope.Failure f -> replied(f.actor(), f.correlationId(), null, f.type(), f.message());
                }
            } catch (RuntimeException e) {
                LOG.warn("Lua actor '{}': a message from another member could not be handled: {}", envelope.actor(),
                        e.toString());
            }
        }
    }

    /** Runs on the owner: a {@link DeliverTask} (of an earlier release's sender) arrived. */
    void delivered(String actor, String sender, byte[] bytes, long correlationId, UUID replyTo) {
        deliver(new Envelope.Deliver(actor, sender, correlationId, replyTo, bytes, true));
    }

    /**
     * Into the actor's mailbox, from the delivery thread: the reply leaves from whichever thread completes the ask.
     * A delivery for an actor this member no longer owns is passed on to the owner once.
     */
    private void deliver(Envelope.Deliver d) {
        String actor = d.actor();
        long correlationId = d.correlationId();
        try {
            if (!d.forwarded() && router.forward(d)) {
                return;
            }
            counters.delivered.increment();
            LuaMessage message = codec.decode(actor, d.payload());
            LuaActorRef ref = activations.activate(actor);
            if (correlationId == 0) {
                ref.doSend(message);
                return;
            }
            CompletableFuture<LuaMessage> handled = ref.send(message);
            // Counted once the ask is accepted, so a send that throws leaves the count as it was.
            answering.incrementAndGet();
            handled.whenComplete((reply, failure) -> {
                // Other asks still being handled here: more replies follow, this one may wait for their batch.
                boolean moreComing = answering.decrementAndGet() > 0;
                if (failure == null) {
                    reply(d.replyTo(), actor, correlationId, reply, moreComing);
                } else {
                    transport.reply(d.replyTo(), Envelope.Failure.of(actor, correlationId, unwrap(failure)),
                            moreComing);
                }
            });
        } catch (RuntimeException e) {
            if (correlationId == 0) {
                LOG.warn("Lua actor '{}': a message from '{}' on another member was not delivered: {}", actor,
                        d.sender(), e.getMessage());
            } else {
                transport.reply(d.replyTo(), Envelope.Failure.of(actor, correlationId, e));
            }
        }
    }

    private void reply(UUID replyTo, String actor, long correlationId, LuaMessage reply, boolean moreComing) {
        Envelope envelope;
        try {
            envelope = new Envelope.Reply(actor, correlationId, codec.encode(actor, reply));
        } catch (RuntimeException e) {
            envelope = Envelope.Failure.of(actor, correlationId, e);
        }
        transport.reply(replyTo, envelope, moreComing);
    }

    /** Runs on the asker: a reply arrived (in a batch, or as a {@link ReplyTask} of an earlier release). */
    void replied(String actor, long correlationId, byte[] reply, String failureType, String failureMessage) {
        if (failureType == null) {
            try {
                pending.complete(correlationId, codec.decode(actor, reply));
            } catch (RuntimeException e) {
                pending.fail(correlationId, e);
            }
        } else if (failureType.equals(ActorStoppedException.class.getSimpleName())
                || failureType.equals(ActorUnavailableException.class.getSimpleName())) {
            pending.fail(correlationId, new ActorUnavailableException(actor, failureMessage));
        } else {
            pending.fail(correlationId, new RemoteFailureException(actor, failureType, failureMessage));
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Stops taking part: other members' messages for this one are dropped from now on. Closes the actor system
     * when {@link #start} built it; a system given to {@link #bind} belongs to its caller.
     */
    @Override
    public synchronized void close() {
        hazelcast.getUserContext().remove(USER_CONTEXT_KEY, this);
        transport.close();
        inbox.close();
        pending.close();
        try {
            if (membershipRegistration != null) {
                hazelcast.getCluster().removeMembershipListener(membershipRegistration);
                hazelcast.getPartitionService().removeMigrationListener(migrationRegistration);
            }
            if (topicRegistration != null) {
                topic.removeMessageListener(topicRegistration);
                // The others send by partition operation again, which fails at once here instead of at the timeout.
                transport.farewell();
            }
        } catch (RuntimeException e) {
            LOG.debug("Hazelcast is already shut down", e);
        }
        if (ownsSystem && system != null) {
            system.close();
        }
    }

    private void ownersChanged() {
        router.ownersChanged();
    }

    /** A member leaving fails the asks that went to it at once; its actors activate on their new owners. */
    private final class Membership implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            ownersChanged();
            LOG.info("Lua actor cluster: member {} joined ({} members)", event.getMember(), event.getMembers().size());
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            ownersChanged();
            transport.memberLeft(event.getMember().getUuid());
            int failed = pending.memberLeft(event.getMember().getUuid());
            counters.unavailable.add(failed);
            LOG.info("Lua actor cluster: member {} left ({} members); {} asks to it failed", event.getMember(),
                    event.getMembers().size(), failed);
        }
    }

    /** When partitions have moved, actors whose partition left this member stop here. */
    private final class Migrations implements MigrationListener {
        @Override
        public void migrationStarted(MigrationState state) {
            ownersChanged();
        }

        @Override
        public void migrationFinished(MigrationState state) {
            ownersChanged();
            activations.deactivateUnless(router::ownedHere);
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            ownersChanged();
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        }
    }
}
