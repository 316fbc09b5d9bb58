package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Where the control channel listens: an IPv4 address (0.0.0.0 for all) and a TCP port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Listen(
        @JsonPropertyDescription("IPv4 address to listen on; 0.0.0.0 means every address of the node.")
        @Default(DEFAULT_ADDRESS)
        @Pattern(Patterns.IPV4)
        String address,

        @JsonPropertyDescription("TCP port of the PPTP control channel (RFC 2637: 1723).")
        @Default("" + DEFAULT_PORT)
        @Min(1)
        @Max(65535)
        Integer port) {
    public static final String DEFAULT_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_PORT = 1723;
}
