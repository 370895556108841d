package io.github.luaactor.cluster.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchFrameTest {
    private final BatchFrame frames = new BatchFrame(256);

    @Test
    void everyKindOfEnvelopeRoundTripsInOrder() {
        UUID asker = UUID.randomUUID();
        List<Envelope> sent = List.of(
                new Envelope.Deliver("counter/1", "relay", 7, asker, new byte[] {1, 3, 2}, false),
                new Envelope.Deliver("counter/2", null, 0, null, new byte[] {1, 0}, true),
                new Envelope.Reply("counter/3", Long.MAX_VALUE, new byte[] {1, 5, 1, 'x'}),
                new Envelope.Failure("fail/1", 9, "LuaScriptException", "fail/1: handler:2: boom"));
        List<byte[]> encoded = new ArrayList<>();
        sent.forEach(e -> encoded.add(frames.envelope(e)));
        List<Envelope> read = frames.read(BatchFrame.frame(encoded));
        assertThat(read).hasSize(4);
        assertThat(read.get(0)).isInstanceOfSatisfying(Envelope.Deliver.class, d -> {
            assertThat(d.actor()).isEqualTo("counter/1");
            assertThat(d.sender()).isEqualTo("relay");
            assertThat(d.correlationId()).isEqualTo(7);
            assertThat(d.replyTo()).isEqualTo(asker);
            assertThat(d.payload()).containsExactly(1, 3, 2);
            assertThat(d.forwarded()).isFalse();
        });
        assertThat(read.get(1)).isInstanceOfSatisfying(Envelope.Deliver.class, d -> {
            assertThat(d.sender()).isNull();
            assertThat(d.replyTo()).isNull();
            assertThat(d.forwarded()).isTrue();
        });
        assertThat(read.get(2)).isInstanceOfSatisfying(Envelope.Reply.class, r -> {
            assertThat(r.correlationId()).isEqualTo(Long.MAX_VALUE);
            assertThat(r.payload()).containsExactly(1, 5, 1, 'x');
        });
        assertThat(read.get(3)).isEqualTo(sent.get(3));
    }

    @Test
    void aFrameStartsWithItsVersionAndAnotherVersionIsRefused() {
        byte[] frame = BatchFrame.frame(List.of(frames.envelope(new Envelope.Reply("a", 1, new byte[] {1, 0}))));
        assertThat(frame[0]).isEqualTo(BatchFrame.VERSION);
        frame[0] = (byte) (BatchFrame.VERSION + 1);
        assertThatThrownBy(() -> frames.read(frame)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version " + (BatchFrame.VERSION + 1));
    }

    @Test
    void anEnvelopeOverTheLimitFailsAtItsSenderNamingTheActor() {
        byte[] big = new byte[BatchFrame.HEADER_ALLOWANCE + 256];
        assertThatThrownBy(() -> frames.envelope(new Envelope.Deliver("counter/big", null, 0, null, big, false)))
                .isInstanceOf(MessageTooLargeException.class).hasMessageContaining("counter/big");
    }

    @Test
    void aFrameOverTheLimitAndMalformedFramesAreRefused() {
        assertThatThrownBy(() -> frames.read(new byte[frames.frameLimit() + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the limit");
        byte[] frame = BatchFrame.frame(List.of(frames.envelope(new Envelope.Reply("a", 1, new byte[] {1, 0}))));
        byte[] truncated = java.util.Arrays.copyOf(frame, frame.length - 1);
        assertThatThrownBy(() -> frames.read(truncated)).isInstanceOf(RuntimeException.class);
        byte[] longer = java.util.Arrays.copyOf(frame, frame.length + 1);
        assertThatThrownBy(() -> frames.read(longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after the end");
    }

    @Test
    void aLongFailureMessageIsCutSoTheReplyStillFits() {
        String message = "x".repeat(100_000);
        byte[] encoded = frames.envelope(new Envelope.Failure("a", 1, "LuaScriptException", message));
        Envelope read = frames.read(BatchFrame.frame(List.of(encoded))).get(0);
        assertThat(((Envelope.Failure) read).message()).hasSizeLessThan(message.length()).startsWith("xxx");
    }
}
