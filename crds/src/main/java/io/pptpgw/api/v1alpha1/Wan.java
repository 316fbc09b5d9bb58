package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One uplink of a multi-WAN node. A session that arrives on this WAN leaves on it: its packets carry {@code mark},
 * and {@code ip rule fwmark mark lookup table} sends them to {@code gateway}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.table < 253 || self.table > 255",
        message = "table must not be 253, 254 or 255: the kernel reserves them (default, main, local)",
        fieldPath = ".table",
        reason = "FieldValueInvalid")
public record Wan(
        @Required @Pattern(Patterns.DNS_LABEL) @Size(max = 63)
        String name,

        @JsonPropertyDescription("The node's interface of this uplink, e.g. eth1.")
        @Required
        @JsonProperty("interface")
        @Pattern(Patterns.INTERFACE_NAME)
        String interfaceName,

        @JsonPropertyDescription("IPv4 next hop of this uplink.") @Required @Pattern(Patterns.IPV4)
        String gateway,

        @JsonPropertyDescription("Firewall mark (fwmark) of this WAN's sessions; not 0.")
        @Required
        @Min(1)
        @Max(4294967295L)
        Long mark,

        @JsonPropertyDescription("Routing table of this WAN; not 0 or the kernel's 253-255.")
        @Required
        @Min(1)
        @Max(4294967295L)
        Long table) {}
