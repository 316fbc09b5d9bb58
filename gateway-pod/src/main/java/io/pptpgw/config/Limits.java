package io.pptpgw.config;

import java.time.Duration;

/** Capacity and abuse limits; an {@code idleTimeout} of zero means sessions never time out for idleness. */
public record Limits(int maxSessions, int maxControlConnectionsPerSource, int setupsPerSecond, Duration idleTimeout) {
    public Limits {
        GatewayConfig.requireNonNull("limits", idleTimeout);
    }
}
