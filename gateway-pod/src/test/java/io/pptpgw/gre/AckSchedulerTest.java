package io.pptpgw.gre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AckSchedulerTest {
    private static final long DELAY = Duration.ofMillis(100).toNanos();

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final AckScheduler acks = new AckScheduler(Duration.ofNanos(DELAY), clock::get);

    @Test
    void owesNothingBeforeTheFirstPacket() {
        assertThat(acks.isOwed()).isFalse();
        assertThat(acks.isStandaloneDue()).isFalse();
        assertThat(acks.standaloneDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aReceivedPacketIsOwedUntilAPacketCarriesItsNumber() {
        acks.received(41);
        acks.received(42);

        assertThat(acks.isOwed()).isTrue();
        assertThat(acks.acknowledgmentNumber()).isEqualTo(42);

        acks.sent(42);

        assertThat(acks.isOwed()).isFalse();
    }

    @Test
    void anAcknowledgementOfAnOlderNumberLeavesTheNewerOneOwed() {
        acks.received(1);
        int carried = acks.acknowledgmentNumber();
        acks.received(2); // arrives while the send worker builds its packet

        acks.sent(carried);

        assertThat(acks.isOwed()).isTrue();
        assertThat(acks.acknowledgmentNumber()).isEqualTo(2);
    }

    @Test
    void aStandaloneAcknowledgementFallsDueOneDelayAfterTheFirstUnacknowledgedPacket() {
        long first = clock.get();
        acks.received(7);
        clock.addAndGet(DELAY / 2);
        acks.received(8); // does not restart the delay

        assertThat(acks.standaloneDeadline()).isEqualTo(first + DELAY);
        clock.set(first + DELAY - 1);
        assertThat(acks.isStandaloneDue()).isFalse();
        clock.set(first + DELAY);
        assertThat(acks.isStandaloneDue()).isTrue();
    }

    @Test
    void aPiggyBackedAcknowledgementRestartsTheDelayForTheNextPacket() {
        acks.received(1);
        clock.addAndGet(DELAY - 1);
        acks.sent(acks.acknowledgmentNumber());
        assertThat(acks.isStandaloneDue()).isFalse();

        long second = clock.addAndGet(10);
        acks.received(2);

        assertThat(acks.standaloneDeadline()).isEqualTo(second + DELAY);
        clock.addAndGet(DELAY - 1);
        assertThat(acks.isStandaloneDue()).isFalse();
    }

    @Test
    void sequenceNumberZeroAndTheLargestAreAcknowledgedLikeAnyOther() {
        acks.received(0xFFFFFFFF);
        assertThat(acks.acknowledgmentNumber()).isEqualTo(0xFFFFFFFF);
        acks.sent(0xFFFFFFFF);
        acks.received(0);

        assertThat(acks.isOwed()).isTrue();
        assertThat(acks.acknowledgmentNumber()).isZero();
    }
}
