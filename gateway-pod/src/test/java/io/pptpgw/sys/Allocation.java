package io.pptpgw.sys;

import java.lang.management.ManagementFactory;

/** Bytes allocated on the Java heap by the calling thread, less what asking costs, for no-allocation checks. */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long COST_OF_ASKING = costOfAsking();

    private Allocation() {}

    public static long bytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated since {@code before} was taken with {@link #bytes()}. */
    public static long since(long before) {
        return Math.max(0, bytes() - before - COST_OF_ASKING);
    }

    private static long costOfAsking() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = bytes();
            least = Math.min(least, bytes() - before);
        }
        return least;
    }
}
