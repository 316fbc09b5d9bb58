package io.pptpgw.gre;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What a session acknowledges and when (RFC 2637 §4.2, §4.3). The receive worker reports each data packet it
 * delivers in order; the send worker piggy-backs the acknowledgement on its next data packet, or sends one alone
 * when nothing has gone out for the acknowledgement delay ([MS-PTPT] §3.1.2: the packet acknowledgement timer,
 * 100 ms in Windows).
 *
 * <p>Two threads, single values: the receiver writes {@code received} and {@code owedSince}, the sender writes
 * {@code acknowledged}. A race can only make a standalone acknowledgement fall due early, never late.
 */
public final class AckScheduler {
    /** [MS-PTPT] §3.1.2. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(100);

    private static final long PRESENT = 1L << 32;

    private final long delayNanos;
    private final LongSupplier nanoClock;
    // PRESENT | sequence number, or 0 before the first packet.
    private volatile long received;
    private volatile long acknowledged;
    private volatile long owedSince;

    public AckScheduler(Duration delay, LongSupplier nanoClock) {
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("acknowledgement delay " + delay + " is outside 0..10s");
        }
        this.delayNanos = delay.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Receive worker: the data packet {@code sequenceNumber} was delivered (RFC 2637 §4.1: "highest ... received"). */
    public void received(int sequenceNumber) {
        long previous = received;
        if (previous == acknowledged) {
            owedSince = nanoClock.getAsLong(); // first packet since the last acknowledgement: the delay starts now
        }
        received = PRESENT | Integer.toUnsignedLong(sequenceNumber);
    }

    /** Send worker: whether the next packet should carry an acknowledgement. */
    public boolean isOwed() {
        return received != acknowledged;
    }

    /** Send worker: the number to put in the Acknowledgment Number field. */
    public int acknowledgmentNumber() {
        return (int) received;
    }

    /** Send worker: a packet carrying {@code acknowledgmentNumber} (piggy-backed or alone) was handed to the socket. */
    public void sent(int acknowledgmentNumber) {
        acknowledged = PRESENT | Integer.toUnsignedLong(acknowledgmentNumber);
    }

    /** Send worker: an acknowledgement is owed and nothing has carried it for the whole delay. */
    public boolean isStandaloneDue() {
        return isOwed() && nanoClock.getAsLong() - owedSince >= delayNanos;
    }

    /** When a standalone acknowledgement falls due, in the clock's nanoseconds; {@code Long.MAX_VALUE} if none owed. */
    public long standaloneDeadline() {
        return isOwed() ? owedSince + delayNanos : Long.MAX_VALUE;
    }
}
