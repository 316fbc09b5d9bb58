package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * Client addresses. The operator splits {@code cidr} into per-node sub-pools of {@code perNodePrefixLength}, so
 * two nodes never hand out the same address.
 */
public record ClientPool(
        @Required String cidr, @Min(8) @Max(30) Integer perNodePrefixLength) {}
