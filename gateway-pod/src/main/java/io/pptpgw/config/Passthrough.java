package io.pptpgw.config;

import io.pptpgw.net.Ipv4Address;
import java.util.List;

/**
 * PPTP through this node's NAT for other hosts: the {@code pptp} conntrack helper on forwarded TCP 1723, DNAT
 * {@code forwards} to inside PPTP servers, and hairpin NAT so inside clients can use the public address too.
 */
public record Passthrough(boolean conntrackHelper, boolean hairpin, List<Forward> forwards) {
    public Passthrough {
        forwards = List.copyOf(forwards);
    }

    /** TCP 1723 and GRE for {@code publicAddress} go to the inside PPTP server {@code target}. */
    public record Forward(Ipv4Address publicAddress, Ipv4Address target) {
        public Forward {
            GatewayConfig.requireNonNull("forward", publicAddress, target);
        }
    }
}
