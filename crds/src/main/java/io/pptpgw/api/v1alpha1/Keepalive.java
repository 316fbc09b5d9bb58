package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Dead-peer detection: PPTP Echo-Request and LCP Echo-Request every interval, down after maxFailures misses. */
public record Keepalive(
        @Default("20s") String interval,
        @Default("3") @Min(1) Integer maxFailures) {}
