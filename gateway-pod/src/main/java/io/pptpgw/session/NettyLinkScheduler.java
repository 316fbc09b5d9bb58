package io.pptpgw.session;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.pptpgw.ppp.LinkScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A link's timers on the event loop of its control connection, so timers and packets share one thread. */
record NettyLinkScheduler(EventLoop loop) implements LinkScheduler {
    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
