package io.pptpgw.config;

import java.time.Duration;

/**
 * Dead-peer detection: a PPTP Echo-Request (RFC 2637 §2.4) and an LCP Echo-Request (RFC 1661 §5.8) every
 * {@code interval}; the session is torn down after {@code maxFailures} unanswered in a row.
 */
public record Keepalive(Duration interval, int maxFailures) {
    public Keepalive {
        GatewayConfig.requireNonNull("keepalive", interval);
    }
}
