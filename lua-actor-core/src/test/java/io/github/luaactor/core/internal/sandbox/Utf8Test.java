package io.github.luaactor.core.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Utf8Test {

    /** The definition that matters: valid exactly when Java decodes and re-encodes the bytes unchanged. */
    private static boolean roundTrips(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithJavasStrictDecoderOnEveryShortSequence() {
        // Every sequence of one or two bytes, and three-byte ones led by each multi-byte lead.
        for (int a = 0; a < 256; a++) {
            check(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                check(new byte[] {(byte) a, (byte) b});
                if (a >= 0xe0 && a <= 0xf4) {
                    for (int c = 0x70; c < 0xd0; c++) {
                        check(new byte[] {(byte) a, (byte) b, (byte) c});
                    }
                }
            }
        }
    }

    @Test
    void agreesWithJavasStrictDecoderOnRandomText() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(1, 9)];
            for (int k = 0; k < bytes.length; k++) {
                // Mostly bytes that make up real sequences, so valid and almost-valid inputs both occur.
                bytes[k] = (byte) (random.nextBoolean() ? random.nextInt(0x80, 0xc0) : random.nextInt(256));
            }
            check(bytes);
        }
    }

    @Test
    void checksOnlyTheGivenRange() {
        byte[] bytes = {(byte) 0xff, 'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xff};
        assertThat(Utf8.isValid(bytes, 1, 3)).isTrue();
        assertThat(Utf8.isValid(bytes, 1, 2)).isFalse();
        assertThat(Utf8.isValid(bytes)).isFalse();
        assertThat(Utf8.isValid(new byte[0])).isTrue();
    }

    private static void check(byte[] bytes) {
        assertThat(Utf8.isValid(bytes)).as(Arrays.toString(bytes)).isEqualTo(roundTrips(bytes));
    }
}
