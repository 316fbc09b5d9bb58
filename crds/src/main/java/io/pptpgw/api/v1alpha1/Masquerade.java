package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** Source NAT of client traffic out of the WAN interfaces. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Masquerade(@Default("true") Boolean enabled) {}
