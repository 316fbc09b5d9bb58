package io.pptpgw.client.control;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replies we wait for, by the key the reply will carry (a Call ID, an echo Identifier), each with a deadline.
 * Only the connection's event loop touches it.
 */
final class PendingReplies<K, T> {
    private final String what;
    private final Map<K, CompletableFuture<T>> pending = new HashMap<>();

    /** @param what names the reply in timeout messages, e.g. "Outgoing-Call-Reply" */
    PendingReplies(String what) {
        this.what = what;
    }

    void await(K key, CompletableFuture<T> future, EventExecutor executor, Duration timeout) {
        pending.put(key, future);
        ScheduledFuture<?> timer = executor.schedule(
                () -> {
                    if (pending.remove(key, future)) {
                        future.completeExceptionally(
                                new TimeoutException("no " + what + " for " + key + " within " + timeout));
                    }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        future.whenComplete((value, failure) -> timer.cancel(false));
    }

    boolean isPending(K key) {
        return pending.containsKey(key);
    }

    /** Completes the future waiting for {@code key}; false when nothing waits for it (late or unasked reply). */
    boolean complete(K key, T reply) {
        CompletableFuture<T> future = pending.remove(key);
        return future != null && future.complete(reply);
    }

    void failAll(Throwable cause) {
        List<CompletableFuture<T>> waiting = new ArrayList<>(pending.values());
        pending.clear();
        waiting.forEach(future -> future.completeExceptionally(cause));
    }
}
