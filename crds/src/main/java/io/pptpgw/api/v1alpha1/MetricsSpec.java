package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Where the gateway serves /metrics, /healthz and /readyz, and whether the operator creates a PodMonitor. */
public record MetricsSpec(
        @Default("9723") @Min(1) @Max(65535) Integer port,
        @Default("false") Boolean podMonitor) {}
