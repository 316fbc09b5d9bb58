package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Where the gateway serves /metrics, /healthz and /readyz, and whether the operator creates a PodMonitor. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsSpec(
        @JsonPropertyDescription("TCP port of /metrics, /healthz and /readyz on the node.")
        @Default("" + DEFAULT_PORT)
        @Min(1)
        @Max(65535)
        Integer port,

        @JsonPropertyDescription("Creates a monitoring.coreos.com/v1 PodMonitor when that API exists.")
        @Default("false")
        Boolean podMonitor) {
    public static final int DEFAULT_PORT = 9723;
}
