package io.pptpgw.pptp.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/** Counts control connections per source address so one address cannot hold more than its share. Thread-safe. */
final class ConnectionsPerSource {
    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();

    ConnectionsPerSource(int limit) {
        this.limit = limit;
    }

    /** Counts one more connection from {@code source}, unless it already holds {@code limit}. */
    boolean tryAcquire(InetAddress source) {
        boolean[] acquired = {false};
        counts.compute(source, (address, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(InetAddress source) {
        counts.computeIfPresent(source, (address, count) -> count > 1 ? count - 1 : null);
    }

    int count(InetAddress source) {
        return counts.getOrDefault(source, 0);
    }

    int limit() {
        return limit;
    }
}
