package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Client addresses. The operator splits {@code cidr} into per-node sub-pools of {@code perNodePrefixLength}, so
 * two nodes never hand out the same address, and records each node's sub-pool in the status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.perNodePrefixLength) || self.perNodePrefixLength >= int(self.cidr.split('/')[1])",
        message = "perNodePrefixLength must be at least the prefix length of cidr (each node's sub-pool lies"
                + " inside the pool)",
        fieldPath = ".perNodePrefixLength",
        reason = "FieldValueInvalid")
public record ClientPool(
        @JsonPropertyDescription("IPv4 network of the client addresses, e.g. 10.250.0.0/16.")
        @Required
        @Pattern(Patterns.IPV4_CIDR)
        @Size(max = 18)
        String cidr,

        @JsonPropertyDescription("Prefix length of each node's sub-pool; at least the prefix length of cidr.")
        @Default("" + DEFAULT_PER_NODE_PREFIX_LENGTH)
        @Min(8)
        @Max(32)
        Integer perNodePrefixLength) {
    public static final int DEFAULT_PER_NODE_PREFIX_LENGTH = 24;
}
