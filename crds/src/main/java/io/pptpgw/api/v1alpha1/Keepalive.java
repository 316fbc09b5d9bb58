package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Dead-peer detection: PPTP Echo-Request and LCP Echo-Request every interval, down after maxFailures misses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Keepalive(
        @Default("20s") @Pattern(Patterns.DURATION) String interval,
        @Default("3") @Min(1) @Max(100) Integer maxFailures) {}
