package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * One uplink of a multi-WAN node. A session that arrives on this WAN leaves on it: its packets carry {@code mark},
 * and {@code ip rule fwmark mark lookup table} sends them to {@code gateway}.
 */
public record Wan(
        @Required String name,
        @Required @JsonProperty("interface") String interfaceName,
        @Required String gateway,
        @Required @Min(1) Long mark,
        @Required @Min(1) @Max(4294967295L) Long table) {}
