package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Abuse and capacity limits. {@code idleTimeout} 0 means sessions never time out for idleness. */
public record Limits(
        @Default("10000") @Min(1) Integer maxSessions,
        @Default("4") @Min(1) Integer maxControlConnectionsPerSource,
        @Default("100") @Min(1) Integer setupsPerSecond,
        @Default("0s") String idleTimeout) {}
