package io.pptpgw.gre;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The sending side of a session's sliding window (RFC 2637 §4.2): sequence numbers for data packets, and how many may
 * be outstanding (sent but not acknowledged) under the peer's receive window. The window starts at half the peer's
 * (§4.2.1), closes to half on an acknowledgement time-out (§4.2.2) and opens by one for every window acknowledged
 * without one (§4.2.3). The time-out adapts to the measured round trip and backs off on expiry (RFC 2637 Appendix
 * A). Nothing is retransmitted: packets that time out are written off so the window can move on.
 *
 * <p>The send worker owns everything but {@link #acknowledge}, which the receive worker calls with each peer
 * acknowledgement: one {@code volatile} value crosses threads.
 */
public final class SendWindow {
    /** Above [MS-PTPT]'s 100 ms delayed acknowledgement plus a round trip, so an idle peer does not look lost. */
    public static final Duration MINIMUM_TIMEOUT = Duration.ofMillis(250);
    /** RFC 2637 Appendix A's MaxTimeOut. */
    public static final Duration MAXIMUM_TIMEOUT = Duration.ofSeconds(5);

    private static final long PRESENT = 1L << 32;
    private static final int MAXIMUM_TRACKED = 4096;

    private final int maximumWindow;
    private final LongSupplier nanoClock;
    private final long[] sentAt;
    private final int mask;
    private volatile long peerAcknowledgment;
    private long processedAcknowledgment;
    private int next;
    private int acknowledged = -1;
    private int window;
    private int windowStart;
    private long roundTrip;
    private long deviation;
    private long timeout;
    private long timeouts;

    /**
     * @param peerReceiveWindow the peer's Packet Receive Window Size from its call request or reply (RFC 2637 §2.7)
     * @param initialRoundTrip the round trip to assume before the first sample: the peer's Packet Processing Delay
     */
    public SendWindow(int peerReceiveWindow, Duration initialRoundTrip, LongSupplier nanoClock) {
        if (peerReceiveWindow < 1 || peerReceiveWindow > 0xFFFF) {
            throw new IllegalArgumentException("peer receive window " + peerReceiveWindow + " is outside 1..65535");
        }
        this.maximumWindow = peerReceiveWindow;
        this.window = Math.max(1, peerReceiveWindow / 2); // §4.2.1
        this.nanoClock = nanoClock;
        int tracked = Integer.highestOneBit(Math.min(peerReceiveWindow, MAXIMUM_TRACKED) * 2 - 1);
        this.sentAt = new long[tracked];
        this.mask = tracked - 1;
        this.roundTrip = initialRoundTrip.toNanos();
        this.timeout = clampTimeout(roundTrip);
    }

    /** Receive worker: the peer acknowledged everything up to {@code acknowledgmentNumber} (RFC 2637 §4.3). */
    public void acknowledge(int acknowledgmentNumber) {
        peerAcknowledgment = PRESENT | Integer.toUnsignedLong(acknowledgmentNumber);
    }

    /** Send worker: whether another data packet may go now. Takes in the latest acknowledgement and time-outs. */
    public boolean isOpen() {
        long now = nanoClock.getAsLong();
        long latest = peerAcknowledgment;
        if (latest != processedAcknowledgment) {
            processedAcknowledgment = latest;
            takeAcknowledgment((int) latest, now);
        }
        expireOldest(now);
        return outstanding() < window;
    }

    /** Send worker: the sequence number of the data packet about to be sent, which now counts as outstanding. */
    public int nextSequenceNumber() {
        int sequenceNumber = next++;
        sentAt[sequenceNumber & mask] = nanoClock.getAsLong();
        return sequenceNumber;
    }

    private void takeAcknowledgment(int acknowledgmentNumber, long now) {
        // Stale (reordered) acknowledgements and ones for packets never sent change nothing.
        if (!SequenceNumbers.isAfter(acknowledgmentNumber, acknowledged)
                || SequenceNumbers.isAfter(acknowledgmentNumber, next - 1)) {
            return;
        }
        if (next - acknowledgmentNumber <= sentAt.length) {
            adapt(now - sentAt[acknowledgmentNumber & mask]);
        }
        acknowledged = acknowledgmentNumber;
        if (!SequenceNumbers.isBefore(acknowledged, windowStart + window - 1)) {
            window = Math.min(window + 1, maximumWindow); // §4.2.3: a whole window went through
            windowStart = acknowledged + 1;
        }
    }

    /** RFC 2637 Appendix A.1, gains 1/8, 1/4 and 4 as shifts. */
    private void adapt(long sample) {
        long difference = sample - roundTrip;
        deviation += (Math.abs(difference) - deviation) >> 2;
        roundTrip += difference >> 3;
        timeout = clampTimeout(roundTrip + 4 * deviation);
    }

    private void expireOldest(long now) {
        if (outstanding() == 0 || now - sentAt[(acknowledged + 1) & mask] < timeout) {
            return;
        }
        timeouts++;
        window = Math.max(1, (window + 1) / 2); // §4.2.2: half, rounded up, at least one
        timeout = clampTimeout(timeout * 2); // Appendix A: back off
        acknowledged = next - 1; // §4.2: no retransmission, so the outstanding packets are written off
        windowStart = next;
    }

    private static long clampTimeout(long nanos) {
        return Math.clamp(nanos, MINIMUM_TIMEOUT.toNanos(), MAXIMUM_TIMEOUT.toNanos());
    }

    /** Packets sent and neither acknowledged nor written off. */
    public int outstanding() {
        return next - 1 - acknowledged;
    }

    public int window() {
        return window;
    }

    public int maximumWindow() {
        return maximumWindow;
    }

    /** The adaptive acknowledgement time-out (ATO), in nanoseconds. */
    public long timeoutNanos() {
        return timeout;
    }

    /** Acknowledgement time-outs so far. */
    public long timeouts() {
        return timeouts;
    }
}
