package io.pptpgw.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every wire format passes: a test class implements this for one codec and inherits the tests.
 * {@link #decode} must decode exactly the given bytes and report malformed input as {@code null} (the codec's
 * "malformed" value, translated by the implementing test), never by throwing.
 */
public interface WireFormatContract<T> {
    /** Valid values covering every message type and the edges of every field. */
    List<T> samples();

    byte[] encode(T value);

    /** The decoded value, or {@code null} when the codec reports the bytes malformed. Must not throw. */
    T decode(byte[] wire);

    @Test
    default void everySampleRoundTrips() {
        for (T sample : samples()) {
            byte[] wire = encode(sample);
            assertThat(decode(wire)).as("decode(encode(%s))", sample).isEqualTo(sample);
            assertThat(encode(decode(wire))).as("re-encoding %s", sample).isEqualTo(wire);
        }
    }

    @Test
    default void everyStrictPrefixIsRejectedAsAValue() {
        for (T sample : samples()) {
            byte[] wire = encode(sample);
            for (int length = 0; length < wire.length; length++) {
                byte[] prefix = Arrays.copyOf(wire, length);
                assertThat(decode(prefix))
                        .as("%d of %d bytes of %s", length, wire.length, sample)
                        .isNull();
            }
        }
    }

    @Test
    default void trailingBytesAreRejectedAsAValue() {
        for (T sample : samples()) {
            byte[] wire = Arrays.copyOf(encode(sample), encode(sample).length + 1);
            assertThat(decode(wire)).as("%s with one trailing byte", sample).isNull();
        }
    }

    /** Seeded corruption: flipped bytes may decode to something or be rejected, but never throw. */
    @Test
    default void seededCorruptionNeverThrows() {
        long seed = 0x5eed_2637L;
        SplittableRandom random = new SplittableRandom(seed);
        for (T sample : samples()) {
            byte[] wire = encode(sample);
            for (int round = 0; round < 200 && wire.length > 0; round++) {
                byte[] corrupt = wire.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
                }
                assertThatCode(() -> decode(corrupt))
                        .as("seed %x, %s corrupted to %s", seed, sample, Hex.string(corrupt))
                        .doesNotThrowAnyException();
            }
        }
    }
}
