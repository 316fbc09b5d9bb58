package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;

/** Source NAT of client traffic out of the WAN interfaces. */
public record Masquerade(@Default("true") Boolean enabled) {}
