package io.pptpgw.ppp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link LinkScheduler} whose clock moves only when a test calls {@link #advance}. */
public final class ManualScheduler implements LinkScheduler {
    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long sequence;

    private final class Task implements Scheduled {
        final long due;
        final long order = sequence++;
        final Runnable work;

        Task(long due, Runnable work) {
            this.due = due;
            this.work = work;
        }

        @Override
        public void cancel() {
            tasks.remove(this);
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(now + delay.toNanos(), task);
        tasks.add(scheduled);
        return scheduled;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves the clock forward, running every task that falls due, in order, including tasks they schedule. */
    public void advance(Duration duration) {
        long end = now + duration.toNanos();
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> t.due <= end)
                    .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due);
            next.work.run();
        }
        now = end;
    }

    public int pendingTasks() {
        return tasks.size();
    }
}
