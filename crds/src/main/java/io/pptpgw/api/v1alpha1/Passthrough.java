package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import java.util.List;

/** PPTP through NAT for other hosts: the pptp conntrack helper, DNAT forwards and hairpin NAT. */
public record Passthrough(
        @Default("true") Boolean conntrackHelper,
        @Default("false") Boolean hairpin,
        List<Forward> forwards) {

    /** TCP 1723 (and its GRE) arriving for {@code publicAddress} goes to the inside PPTP server {@code target}. */
    public record Forward(String publicAddress, String target) {}
}
