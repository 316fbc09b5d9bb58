package io.pptpgw.gre;

import static io.pptpgw.gre.SequenceNumbers.distance;
import static io.pptpgw.gre.SequenceNumbers.isAfter;
import static io.pptpgw.gre.SequenceNumbers.isBefore;
import static io.pptpgw.gre.SequenceNumbers.latest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {
    private static final long SEED = 0x1982_0032L;

    @Test
    void orderSurvivesTheWrapFromTheLargestNumberToZero() {
        assertThat(isAfter(0, 0xFFFFFFFF)).isTrue();
        assertThat(isBefore(0xFFFFFFFF, 0)).isTrue();
        assertThat(isAfter(5, 0xFFFFFFF0)).isTrue();
        assertThat(isAfter(0xFFFFFFF0, 5)).isFalse();
        assertThat(distance(0xFFFFFFFE, 1)).isEqualTo(3);
        assertThat(latest(0xFFFFFFFF, 2)).isEqualTo(2);
        assertThat(SequenceNumbers.toString(0xFFFFFFFF)).isEqualTo("4294967295");
    }

    @Test
    void anyNumberUpTo2To31MinusOneAheadIsAfterAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 200_000; round++) {
            int a = random.nextInt();
            int step = 1 + random.nextInt(Integer.MAX_VALUE);
            int b = a + step;
            String context = "seed %x: a=%s step=%d".formatted(SEED, Integer.toUnsignedString(a), step);
            assertThat(isAfter(b, a)).as(context).isTrue();
            assertThat(isBefore(a, b)).as(context).isTrue();
            assertThat(isAfter(a, b)).as(context).isFalse();
            assertThat(isBefore(b, a)).as(context).isFalse();
            assertThat(distance(a, b)).as(context).isEqualTo(step);
            assertThat(distance(b, a)).as(context).isEqualTo(-step);
            assertThat(latest(a, b)).as(context).isEqualTo(b);
            assertThat(latest(b, a)).as(context).isEqualTo(b);
        }
    }

    @Test
    void orderIsIrreflexiveAndNumbersExactly2To31ApartAreNeitherBeforeNorAfter() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 50_000; round++) {
            int a = random.nextInt();
            int opposite = a + Integer.MIN_VALUE;
            String context = "seed %x: a=%s".formatted(SEED + 1, Integer.toUnsignedString(a));
            assertThat(isAfter(a, a)).as(context).isFalse();
            assertThat(isBefore(a, a)).as(context).isFalse();
            assertThat(isAfter(opposite, a) || isAfter(a, opposite)).as(context).isFalse();
            assertThat(isBefore(opposite, a) || isBefore(a, opposite))
                    .as(context)
                    .isFalse();
        }
    }

    @Test
    void orderIsTransitiveWithinHalfTheSpace() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int round = 0; round < 100_000; round++) {
            int a = random.nextInt();
            int b = a + 1 + random.nextInt(1 << 30);
            int c = b + 1 + random.nextInt(1 << 30);
            assertThat(isAfter(b, a) && isAfter(c, b) && isAfter(c, a))
                    .as("seed %x: %d %d %d", SEED + 2, a, b, c)
                    .isTrue();
        }
    }
}
