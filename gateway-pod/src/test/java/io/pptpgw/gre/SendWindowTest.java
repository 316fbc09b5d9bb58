package io.pptpgw.gre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(0);
    private final SendWindow window = new SendWindow(8, Duration.ofMillis(300), clock::get);

    private int sendWhileOpen() {
        int sent = 0;
        while (window.isOpen()) {
            assertThat(window.nextSequenceNumber()).isEqualTo(sent + skipped);
            sent++;
        }
        skipped += sent;
        return sent;
    }

    private int skipped;

    @Test
    void startsAtHalfThePeersWindowAndStopsWhenThatManyAreOutstanding() {
        assertThat(window.window()).isEqualTo(4); // RFC 2637 §4.2.1
        assertThat(sendWhileOpen()).isEqualTo(4);
        assertThat(window.outstanding()).isEqualTo(4);
    }

    @Test
    void anAcknowledgementFreesEveryPacketUpToItsNumber() {
        sendWhileOpen(); // 0..3
        window.acknowledge(1);

        assertThat(window.isOpen()).isTrue();
        assertThat(window.outstanding()).isEqualTo(2);
    }

    @Test
    void opensByOneForEachWholeWindowAcknowledgedUpToThePeersMaximum() {
        for (int round = 0; round < 10; round++) {
            sendWhileOpen();
            window.acknowledge(skipped - 1);
            clock.addAndGet(MS);
        }
        window.isOpen();

        assertThat(window.window()).isEqualTo(8); // 4, 5, ... capped at the peer's 8
        assertThat(window.timeouts()).isZero();
    }

    @Test
    void aTimeoutHalvesTheWindowWritesOffTheOutstandingAndBacksOff() {
        sendWhileOpen();
        long before = window.timeoutNanos();

        clock.addAndGet(before);

        assertThat(window.isOpen()).isTrue();
        assertThat(window.timeouts()).isEqualTo(1);
        assertThat(window.window()).isEqualTo(2); // RFC 2637 §4.2.2
        assertThat(window.outstanding()).isZero();
        assertThat(window.timeoutNanos()).isEqualTo(2 * before);
    }

    @Test
    void noTimeoutWhileTheOldestPacketIsYoungerThanTheTimeout() {
        sendWhileOpen();
        clock.addAndGet(window.timeoutNanos() - 1);

        assertThat(window.isOpen()).isFalse();
        assertThat(window.timeouts()).isZero();
    }

    @Test
    void theTimeoutFollowsMeasuredRoundTripsDownToItsFloor() {
        for (int round = 0; round < 200; round++) {
            int sequence = window.nextSequenceNumber();
            clock.addAndGet(2 * MS);
            window.acknowledge(sequence);
            window.isOpen();
        }

        assertThat(window.timeoutNanos()).isEqualTo(SendWindow.MINIMUM_TIMEOUT.toNanos());
    }

    @Test
    void ignoresStaleAcknowledgementsAndOnesForPacketsNeverSent() {
        sendWhileOpen(); // 0..3
        window.acknowledge(2);
        window.isOpen();

        window.acknowledge(1);
        window.isOpen();
        assertThat(window.outstanding()).isEqualTo(1);

        window.acknowledge(1_000);
        window.isOpen();
        assertThat(window.outstanding()).isEqualTo(1);
    }

    @Test
    void aPeerWindowOfOneAllowsOnePacketAtATime() {
        SendWindow single = new SendWindow(1, Duration.ZERO, clock::get);

        assertThat(single.isOpen()).isTrue();
        int first = single.nextSequenceNumber();
        assertThat(single.isOpen()).isFalse();
        single.acknowledge(first);
        assertThat(single.isOpen()).isTrue();
    }
}
