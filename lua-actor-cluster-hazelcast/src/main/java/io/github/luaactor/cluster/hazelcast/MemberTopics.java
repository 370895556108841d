package io.github.luaactor.cluster.hazelcast;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each member's own topic ({@link ClusterSettings#MEMBER_TOPIC_PREFIX} and its UUID), on which the other members
 * publish batches for it: Hazelcast hands a publication straight to the subscriber's member as an event (one packet,
 * no acknowledgement coming back), where its event thread runs the listener, in the order each publisher published.
 * A member publishes to another one's topic only once it knows that member listens: for replies, the asker (it
 * subscribed before it could ask); for deliveries, a member that has published something to this one (it
 * subscribed before it published anything, so its subscription is known everywhere). Members greet each other with
 * an empty batch when they start, so that is known at once, and say goodbye with an empty array when they stop.
 */
final class MemberTopics {
    private static final Logger LOG = LoggerFactory.getLogger(MemberTopics.class);
    private final HazelcastInstance hazelcast;
    private final ConcurrentHashMap<UUID, ITopic<byte[]>> topics = new ConcurrentHashMap<>();
    private final Set<UUID> listening = ConcurrentHashMap.newKeySet();
    /** Members that said goodbye: a batch of theirs still on its way must not make them count as listening again. */
    private final Set<UUID> stopped = ConcurrentHashMap.newKeySet();

    MemberTopics(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Whether the member is of a release that takes batches on its topic (it says so in a member attribute). */
    static boolean supported(Member member) {
        return LoopbackHazelcast.TOPIC_TRANSPORT.equals(member.getAttribute(LoopbackHazelcast.TRANSPORT_ATTRIBUTE));
    }

    /** Whether deliveries may go on the member's topic: it takes batches there and is known to listen. */
    boolean listening(Member member) {
        return listening.contains(member.getUuid()) && supported(member);
    }

    /**
     * A batch came from {@code publisher} on this member's topic: it listens on its own.
     *
     * @return true the first time
     */
    boolean heardFrom(UUID publisher) {
        return !listening.contains(publisher) && !stopped.contains(publisher) && listening.add(publisher);
    }

    /** The member stopped listening on its topic (it is closing): deliveries to it go by partition operation. */
    void stoppedListening(UUID member) {
        stopped.add(member);
        listening.remove(member);
    }

    void publish(Member member, byte[] frame) {
        topics.computeIfAbsent(member.getUuid(), id -> hazelcast.getTopic(ClusterSettings.MEMBER_TOPIC_PREFIX + id))
                .publish(frame);
    }

    /**
     * To each other member that takes batches on its topic: an empty batch says this member listens on its own
     * now, an empty array that it stopped.
     */
    void greet(List<Member> members, byte[] greeting) {
        for (Member m : members) {
            if (!m.localMember() && supported(m)) {
                publish(m, greeting);
            }
        }
    }

    /**
     * Forgets a member that left. Its topic would outlive it as a distributed object of the cluster, one per member
     * that ever ran, so the oldest member destroys it (off the event thread that reports the departure: a destroy
     * waits for the other members).
     */
    void memberLeft(UUID member) {
        stopped.remove(member);
        listening.remove(member);
        topics.remove(member);
        if (oldestMember()) {
            Thread.ofVirtual().name("lua-actor-cluster-topic-cleanup").start(() -> destroyTopicOf(member));
        }
    }

    private boolean oldestMember() {
        try {
            Set<Member> members = hazelcast.getCluster().getMembers();
            return !members.isEmpty() && members.iterator().next().localMember();
        } catch (RuntimeException notRunning) {
            return false;
        }
    }

    private void destroyTopicOf(UUID member) {
        try {
            hazelcast.getTopic(ClusterSettings.MEMBER_TOPIC_PREFIX + member).destroy();
        } catch (RuntimeException e) {
            // Shutting down, or the cluster lost its quorum: the topic stays, as it did before.
            LOG.debug("Lua actor cluster: could not destroy the topic of member {} that left", member, e);
        }
    }
}
