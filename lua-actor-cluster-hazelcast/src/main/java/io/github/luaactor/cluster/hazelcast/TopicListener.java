package io.github.luaactor.cluster.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.hazelcast.cluster.Member;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the batches other members publish on this member's topic, on its event thread. Replies complete their asks
 * right there (that only wakes a waiting caller or hands a suspended handler back to its actor); deliveries go into
 * mailboxes there, or in order through the delivery thread ({@link PartitionInbox}). An empty batch is a member's
 * greeting (it listens on its own topic now), answered once; an empty array, not even a frame, its goodbye.
 */
final class TopicListener implements MessageListener<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(TopicListener.class);

    private final MemberTransport transport;
    private final Consumer<List<Envelope>> replies;
    private final PartitionInbox inbox;

    TopicListener(MemberTransport transport, Consumer<List<Envelope>> replies, PartitionInbox inbox) {
        this.transport = transport;
        this.replies = replies;
        this.inbox = inbox;
    }

    @Override
    public void onMessage(Message<byte[]> message) {
        Member publisher = message.getPublishingMember();
        byte[] frame = message.getMessageObject();
        if (frame.length == 0) {
            if (publisher != null) {
                transport.topics().stoppedListening(publisher.getUuid());
            }
            return;
        }
        List<Envelope> envelopes;
        try {
            envelopes = transport.frames().read(frame);
        } catch (RuntimeException e) {
            LOG.warn("Lua actor cluster: a batch from member {} could not be read: {}", publisher, e.toString());
            return;
        }
        if (publisher != null && transport.topics().heardFrom(publisher.getUuid()) && envelopes.isEmpty()) {
            transport.topics().publish(publisher, BatchFrame.frame(List.of()));
        }
        List<Envelope> deliveries = new ArrayList<>();
        List<Envelope> answers = new ArrayList<>();
        for (Envelope e : envelopes) {
            (e instanceof Envelope.Deliver ? deliveries : answers).add(e);
        }
        if (!answers.isEmpty()) {
            replies.accept(answers);
        }
        if (!deliveries.isEmpty()) {
            inbox.accept(deliveries);
        }
    }
}
