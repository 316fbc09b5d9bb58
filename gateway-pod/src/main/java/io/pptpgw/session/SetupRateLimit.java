package io.pptpgw.session;

import java.util.function.LongSupplier;

/**
 * A token bucket for call setups: up to {@code perSecond} at once, refilled at {@code perSecond} a second. A flood of
 * Outgoing-Call-Requests is refused and counted instead of starving the sessions already up.
 */
final class SetupRateLimit {
    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    SetupRateLimit(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("setups per second " + perSecond + " must be at least 1");
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.refilledAt = nanoClock.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(perSecond, tokens + (double) (now - refilledAt) * perSecond / SECOND);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
