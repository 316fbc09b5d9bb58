package io.pptpgw.ppp.ipcp;

import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.LinkScheduler;
import io.pptpgw.ppp.PppProtocol;
import io.pptpgw.ppp.fsm.CodeExtension;
import io.pptpgw.ppp.fsm.ControlProtocol;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.option.Negotiation;
import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IPCP on one link: IP-Address and the two DNS options on the shared negotiator. Everything else is rejected, notably
 * IP-Compression-Protocol (Van Jacobson, RFC 1332 §3.2), the deprecated IP-Addresses option and the NBNS options 130
 * and 132 of RFC 1877.
 */
public final class Ipcp {
    /** 0.0.0.0, the address a client asks with and the peer address of a server that announced none. */
    public static final Inet4Address UNSPECIFIED_ADDRESS = Ipv4Values.UNSPECIFIED;

    private static final Map<Integer, String> REJECTED_OPTION_NAMES =
            Map.of(1, "addrs", 2, "compress", 130, "ms-wins", 132, "ms-wins");

    private final IpAddressOption address;
    private final List<DnsOption> dns;
    private final ControlProtocol control;

    private Ipcp(
            IpAddressOption address,
            List<DnsOption> dns,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            LayerEvents events) {
        this.address = address;
        this.dns = dns;
        Negotiation negotiation = new Negotiation(List.of(address, dns.get(0), dns.get(1)), REJECTED_OPTION_NAMES);
        this.control = new ControlProtocol(PppProtocol.IPCP, negotiation, CodeExtension.NONE, sink, scheduler, events);
    }

    /** The gateway's IPCP, giving the client {@code assigned}. */
    public static Ipcp server(
            IpcpSettings.Server settings,
            Inet4Address assigned,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            LayerEvents events) {
        List<Inet4Address> servers = settings.dnsServers();
        List<DnsOption> dns = List.of(
                DnsOption.server(DnsOption.PRIMARY_DNS, servers.stream().findFirst()),
                DnsOption.server(
                        DnsOption.SECONDARY_DNS, servers.stream().skip(1).findFirst()));
        return new Ipcp(IpAddressOption.server(settings.localAddress(), assigned), dns, sink, scheduler, events);
    }

    public static Ipcp client(
            IpcpSettings.Client settings, ControlPacketSink sink, LinkScheduler scheduler, LayerEvents events) {
        List<DnsOption> dns = List.of(
                DnsOption.client(DnsOption.PRIMARY_DNS, settings.requestDns()),
                DnsOption.client(DnsOption.SECONDARY_DNS, settings.requestDns()));
        return new Ipcp(IpAddressOption.client(), dns, sink, scheduler, events);
    }

    public ControlProtocol control() {
        return control;
    }

    public Optional<Inet4Address> localAddress() {
        return address.localAddress();
    }

    public Optional<Inet4Address> peerAddress() {
        return address.peerAddress();
    }

    /** Primary then secondary, those known. */
    public List<Inet4Address> dnsServers() {
        return dns.stream().flatMap(d -> d.address().stream()).toList();
    }
}
