package io.pptpgw.gre;

import java.time.Duration;

/**
 * How a {@link ReorderBuffer} waits for a missing packet: at most {@code capacity} packets held (0 turns reordering
 * off: a gap is given up at once), none for longer than {@code timeout}, and a sequence number more than {@code
 * maximumAhead} past the one expected taken as bogus.
 */
public record ReorderPolicy(int capacity, Duration timeout, int maximumAhead) {
    /** 32 packets, 20 ms, 1024 ahead: a short wait, since every loss costs the stream the full timeout. */
    public static final ReorderPolicy DEFAULT = new ReorderPolicy(32, Duration.ofMillis(20), 1024);

    public ReorderPolicy {
        if (capacity < 0 || capacity > 1024) {
            throw new IllegalArgumentException("reorder capacity " + capacity + " is outside 0..1024 packets");
        }
        if (timeout.isNegative() || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("reorder timeout " + timeout + " is outside 0..10s");
        }
        if (maximumAhead < Math.max(1, capacity) || maximumAhead > 1 << 30) {
            throw new IllegalArgumentException("maximum ahead " + maximumAhead + " must be at least the capacity "
                    + capacity + " (and 1) and at most 2^30");
        }
    }
}
