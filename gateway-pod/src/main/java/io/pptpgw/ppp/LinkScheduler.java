package io.pptpgw.ppp;

import java.time.Duration;

/**
 * The link's only view of time: one-shot timers and a monotonic clock. Tasks must run on the thread that drives the
 * link (Netty's {@code EventLoop.schedule} in production; tests fire them by hand).
 */
public interface LinkScheduler {
    Scheduled schedule(Duration delay, Runnable task);

    /** A monotonic clock in nanoseconds, for LCP echo round-trip times. */
    long nanoTime();

    /** A pending task; cancelling a task that already ran or was cancelled does nothing. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }
}
