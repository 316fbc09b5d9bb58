package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Where the control channel listens: an IPv4 address (0.0.0.0 for all) and a TCP port. */
public record Listen(
        @Default("0.0.0.0") String address,
        @Default("1723") @Min(1) @Max(65535) Integer port) {}
