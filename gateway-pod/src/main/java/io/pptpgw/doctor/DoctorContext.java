package io.pptpgw.doctor;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.net.CommandRunner;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.Sysctl;
import io.pptpgw.nft.Nft;
import io.pptpgw.nft.NftCli;
import java.util.List;

/**
 * What the checks look at: the gateway's config (the desired state), the node through a {@link CommandRunner}
 * (the host, or a namespace) and {@link Nft}, and the addresses of live session peers when the gateway can name
 * them (otherwise the conntrack check finds peers from TCP 1723 entries).
 */
public record DoctorContext(GatewayConfig config, CommandRunner runner, Nft nft, List<Ipv4Address> livePeers) {
    public DoctorContext {
        livePeers = List.copyOf(livePeers);
    }

    public static DoctorContext of(GatewayConfig config, CommandRunner runner) {
        return new DoctorContext(config, runner, new NftCli(runner), List.of());
    }

    public DoctorContext withLivePeers(List<Ipv4Address> peers) {
        return new DoctorContext(config, runner, nft, peers);
    }

    public Sysctl sysctl() {
        return new Sysctl(runner);
    }
}
