package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Abuse and capacity limits, per gateway pod. {@code idleTimeout} 0s means sessions never time out for idleness. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(
        @JsonPropertyDescription("Most concurrent sessions; Call IDs are 16 bits (RFC 2637).")
        @Default("10000")
        @Min(1)
        @Max(65535)
        Integer maxSessions,

        @Default("4") @Min(1) @Max(1024) Integer maxControlConnectionsPerSource,
        @Default("100") @Min(1) @Max(100000) Integer setupsPerSecond,
        @Default("0s") @Pattern(Patterns.DURATION) String idleTimeout) {}
