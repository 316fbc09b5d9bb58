package io.pptpgw.ppp;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Runs a link's work one piece at a time: work that arrives while other work runs (a layer event raised inside an
 * automaton transition, a packet handed back by a synchronous sink) waits until it is done, so no automaton ever sees
 * an event in the middle of a transition. Timers go through the same queue.
 */
final class Dispatcher implements LinkScheduler {
    private final LinkScheduler delegate;
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private boolean running;

    Dispatcher(LinkScheduler delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code work} now, or after the work in progress if called from within it. */
    void run(Runnable work) {
        if (running) {
            queued.add(work);
            return;
        }
        running = true;
        try {
            work.run();
            for (Runnable next = queued.poll(); next != null; next = queued.poll()) {
                next.run();
            }
        } finally {
            running = false;
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        return delegate.schedule(delay, () -> run(task));
    }

    @Override
    public long nanoTime() {
        return delegate.nanoTime();
    }
}
