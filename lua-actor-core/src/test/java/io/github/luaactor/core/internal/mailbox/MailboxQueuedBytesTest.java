package io.github.luaactor.core.internal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The running sum of large messages' estimated bytes ({@link Mailbox#queuedBytes()}): added when an offer succeeds,
 * not when the mailbox is full, and given back by whichever way a message leaves (taken, or dropped as the oldest),
 * exactly, under concurrent producers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MailboxQueuedBytesTest {

    private static Envelope envelope(int id) {
        return new Envelope(LuaMessage.from(id), null, "test", 0L);
    }

    @Test
    void countedWhileQueuedAndGivenBackWhenTaken() {
        Mailbox mailbox = new Mailbox(2, false);
        assertThat(mailbox.offer(envelope(1), 1000)).isTrue();
        assertThat(mailbox.offer(envelope(2))).isTrue();
        assertThat(mailbox.queuedBytes()).isEqualTo(1000);
        // Full: refused, and not counted.
        assertThat(mailbox.offer(envelope(3), 500)).isFalse();
        assertThat(mailbox.queuedBytes()).isEqualTo(1000);
        assertThat(mailbox.poll().message).isEqualTo(LuaMessage.from(1));
        assertThat(mailbox.queuedBytes()).isZero();
        assertThat(mailbox.poll().message).isEqualTo(LuaMessage.from(2));
        assertThat(mailbox.poll()).isNull();
        assertThat(mailbox.queuedBytes()).isZero();
    }

    @Test
    void aDroppedOldestMessageGivesItsBytesBackOnceAndTheConsumerStepsOverIt() {
        Mailbox mailbox = new Mailbox(0, true);
        mailbox.offer(envelope(1), 300);
        mailbox.offer(envelope(2), 700);
        assertThat(mailbox.removeOldestMessage().message).isEqualTo(LuaMessage.from(1));
        assertThat(mailbox.queuedBytes()).isEqualTo(700);
        assertThat(mailbox.poll().message).isEqualTo(LuaMessage.from(2));
        assertThat(mailbox.queuedBytes()).isZero();
    }

    @Test
    void concurrentProducersAndATakerLeaveNothingCounted() throws Exception {
        Mailbox mailbox = new Mailbox(64, false);
        int producers = 4;
        int perProducer = 20_000;
        AtomicLong offeredBytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int bytes = (i % 3 == 0) ? 0 : 1 + (producer * perProducer + i) % 5000;
                    while (!mailbox.offer(envelope(i), bytes)) {
                        Thread.onSpinWait();
                    }
                    offeredBytes.addAndGet(bytes);
                }
            }));
        }
        long taken = 0;
        long maxSeen = 0;
        while (taken < (long) producers * perProducer) {
            maxSeen = Math.max(maxSeen, mailbox.queuedBytes());
            if (mailbox.poll() != null) {
                taken++;
            } else {
                Thread.onSpinWait();
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(offeredBytes.get()).isPositive();
        assertThat(mailbox.queuedBytes()).isZero();
        // Never more than a full mailbox of the largest messages, plus the offers in flight.
        assertThat(maxSeen).isLessThanOrEqualTo((64L + producers) * 5000);
    }
}
