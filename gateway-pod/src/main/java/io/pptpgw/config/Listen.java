package io.pptpgw.config;

import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.Port;

/** Where the PPTP control channel listens; {@code 0.0.0.0} means every address of the node. */
public record Listen(Ipv4Address address, Port port) {
    public Listen {
        GatewayConfig.requireNonNull("listen", address, port);
    }
}
