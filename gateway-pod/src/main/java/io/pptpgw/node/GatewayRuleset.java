package io.pptpgw.node;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.MssClamping;
import io.pptpgw.config.Passthrough;
import io.pptpgw.config.Wan;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.NetValue;
import io.pptpgw.net.Port;
import io.pptpgw.nft.BaseChain;
import io.pptpgw.nft.BaseChain.Hook;
import io.pptpgw.nft.BaseChain.Priority;
import io.pptpgw.nft.BaseChain.Type;
import io.pptpgw.nft.Chain;
import io.pptpgw.nft.CtHelper;
import io.pptpgw.nft.Family;
import io.pptpgw.nft.NamedSet;
import io.pptpgw.nft.NamedSet.ElementType;
import io.pptpgw.nft.NftMap;
import io.pptpgw.nft.Rule;
import io.pptpgw.nft.Table;
import io.pptpgw.nft.TableObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's nftables table as a pure function of its config. Chains are static and named for their job; what
 * varies per WAN or forward lives in sets and maps. The table never drops anything: it marks, NATs, clamps and
 * assigns the pptp helper, and leaves filtering to whoever owns the node's firewall.
 *
 * <pre>
 * prerouting-wan-mark      filter/prerouting mangle  new connections from a WAN: ct mark = that WAN's mark
 * prerouting-pptp-forwards nat/prerouting dstnat     public address:1723 and GRE -> inside PPTP server
 * forward-mss-clamp        filter/forward mangle     SYNs into and out of the TUN: clamp the MSS
 * forward-pptp-helper      filter/forward filter     forwarded TCP 1723: ct helper "pptp" (after conntrack, -200)
 * output-wan-pinning       route/output mangle       packets of WAN connections: meta mark = ct mark, re-route
 * postrouting-masquerade   nat/postrouting srcnat    client pool out of the WANs; hairpin for inside clients
 * </pre>
 */
public final class GatewayRuleset {
    public static final String TABLE_PREFIX = "pptpgw_";
    public static final Port PPTP_PORT = new Port(1723); // RFC 2637 §1.3: the control connection's TCP port

    private GatewayRuleset() {}

    public static String tableName(String gatewayName) {
        return TABLE_PREFIX + gatewayName;
    }

    public static Table build(GatewayConfig config) {
        List<TableObject> objects = new ArrayList<>();
        Optional<Wans> wans = Wans.of(config.wans());
        Optional<Forwards> forwards = Forwards.of(config.passthrough());
        Optional<CtHelper> helper =
                config.passthrough().conntrackHelper() ? Optional.of(CtHelper.pptp("pptp")) : Optional.empty();
        helper.ifPresent(objects::add);
        wans.ifPresent(w -> objects.addAll(List.of(w.interfaces, w.marks, w.markByInterface)));
        forwards.ifPresent(f -> objects.addAll(List.of(f.targets, f.publicAddresses)));
        wans.ifPresent(w -> objects.add(wanMark(w)));
        forwards.ifPresent(f -> objects.add(pptpForwards(f)));
        mssClamp(config).ifPresent(objects::add);
        helper.ifPresent(h -> objects.add(pptpHelper(h)));
        wans.ifPresent(w -> objects.add(wanPinning(w)));
        masquerade(config, wans, forwards).ifPresent(objects::add);
        return new Table(Family.INET, tableName(config.name()), objects);
    }

    /** The WANs' interfaces and marks as sets, and the interface-to-mark map. */
    private record Wans(NamedSet interfaces, NamedSet marks, NftMap markByInterface) {
        static Optional<Wans> of(List<Wan> wans) {
            if (wans.isEmpty()) {
                return Optional.empty();
            }
            List<NetValue> interfaces =
                    wans.stream().map(w -> (NetValue) w.interfaceName()).toList();
            List<NetValue> marks = wans.stream().map(w -> (NetValue) w.mark()).toList();
            List<NftMap.Element> byInterface = wans.stream()
                    .map(w -> new NftMap.Element(w.interfaceName(), w.mark()))
                    .toList();
            return Optional.of(new Wans(
                    new NamedSet("wan-interfaces", ElementType.IFNAME, interfaces),
                    new NamedSet("wan-marks", ElementType.MARK, marks),
                    new NftMap("wan-mark-by-interface", ElementType.IFNAME, ElementType.MARK, byInterface)));
        }
    }

    /** The forwards as a public-to-inside map, and the set of public addresses (for hairpin). */
    private record Forwards(NftMap targets, NamedSet publicAddresses, boolean hairpin) {
        static Optional<Forwards> of(Passthrough passthrough) {
            if (passthrough.forwards().isEmpty()) {
                return Optional.empty();
            }
            List<NftMap.Element> targets = passthrough.forwards().stream()
                    .map(f -> new NftMap.Element(f.publicAddress(), f.target()))
                    .toList();
            List<NetValue> publicAddresses = passthrough.forwards().stream()
                    .map(f -> (NetValue) f.publicAddress())
                    .toList();
            return Optional.of(new Forwards(
                    new NftMap("pptp-forwards", ElementType.IPV4_ADDR, ElementType.IPV4_ADDR, targets),
                    new NamedSet("pptp-forward-public-addresses", ElementType.IPV4_ADDR, publicAddresses),
                    passthrough.hairpin()));
        }
    }

    private static Chain wanMark(Wans wans) {
        return Chain.base(
                "prerouting-wan-mark",
                "Connections arriving on a WAN keep its mark in ct mark; their packets from inside carry it for"
                        + " ip rule fwmark",
                BaseChain.of(Type.FILTER, Hook.PREROUTING, Priority.MANGLE),
                List.of(
                        Rule.of("ct state new ct mark set iifname map", wans.markByInterface),
                        Rule.of("iifname !=", wans.interfaces, "ct mark", wans.marks, "meta mark set ct mark")));
    }

    private static Chain wanPinning(Wans wans) {
        return Chain.base(
                "output-wan-pinning",
                "Packets the node sends for WAN connections carry the WAN mark and are re-routed out of that WAN",
                BaseChain.of(Type.ROUTE, Hook.OUTPUT, Priority.MANGLE),
                List.of(
                        Rule.of("ct mark", wans.marks, "meta mark set ct mark"),
                        // A WAN mark the gateway chose itself (SO_MARK on its GRE socket) sticks to the connection.
                        Rule.of("ct state new meta mark", wans.marks, "ct mark set meta mark")));
    }

    private static Chain pptpForwards(Forwards forwards) {
        return Chain.base(
                "prerouting-pptp-forwards",
                "PPTP passthrough: TCP 1723 and GRE for a public address go to its inside PPTP server",
                BaseChain.of(Type.NAT, Hook.PREROUTING, Priority.DSTNAT),
                List.of(
                        Rule.of("tcp dport", PPTP_PORT, "dnat ip to ip daddr map", forwards.targets),
                        Rule.of("ip protocol gre dnat ip to ip daddr map", forwards.targets)));
    }

    private static Chain pptpHelper(CtHelper helper) {
        return Chain.base(
                "forward-pptp-helper",
                "The pptp conntrack helper follows forwarded PPTP control connections and the GRE of their calls",
                // Helpers attach to a conntrack entry, so this must run after conntrack (-200) has made it.
                BaseChain.of(Type.FILTER, Hook.FORWARD, Priority.FILTER),
                List.of(Rule.of("meta nfproto ipv4 tcp dport", PPTP_PORT, "ct state new ct helper set", helper)));
    }

    private static Optional<Chain> mssClamp(GatewayConfig config) {
        InterfaceName tun = config.tunnelInterface();
        String syn = "tcp flags syn / syn,rst tcp option maxseg size set";
        List<Rule> rules = switch (config.mssClamping()) {
            case MssClamping.Off off -> List.of();
            case MssClamping.Fixed(int mss) ->
                List.of(Rule.of("iifname", tun, syn, mss), Rule.of("oifname", tun, syn, mss));
            case MssClamping.PathMtu pathMtu ->
                List.of(
                        // Into the tunnel the route is the TUN's, so rt mtu is the tunnel MTU.
                        Rule.of("oifname", tun, syn, "rt mtu"),
                        // Out of it, rt mtu is the uplink's; the client can still only receive what fits the tunnel.
                        Rule.of("iifname", tun, syn, "rt mtu"),
                        Rule.of("iifname", tun, syn, config.mtu() - 40));
        };
        return rules.isEmpty()
                ? Optional.empty()
                : Optional.of(Chain.base(
                        "forward-mss-clamp",
                        "TCP SYNs into and out of the tunnel get an MSS that fits the tunnel and the route",
                        BaseChain.of(Type.FILTER, Hook.FORWARD, Priority.MANGLE),
                        rules));
    }

    private static Optional<Chain> masquerade(GatewayConfig config, Optional<Wans> wans, Optional<Forwards> forwards) {
        List<Rule> rules = new ArrayList<>();
        if (config.masquerade()) {
            rules.add(wans.map(w -> Rule.of("ip saddr", config.clientPool(), "oifname", w.interfaces, "masquerade"))
                    .orElseGet(() -> Rule.of(
                            "ip saddr", config.clientPool(), "oifname !=", config.tunnelInterface(), "masquerade")));
        }
        forwards.filter(Forwards::hairpin).ifPresent(f -> rules.add(hairpin(f, wans)));
        return rules.isEmpty()
                ? Optional.empty()
                : Optional.of(Chain.base(
                        "postrouting-masquerade",
                        "Client pool traffic leaves with the WAN address; inside clients of a forward are NATed too"
                                + " (hairpin)",
                        BaseChain.of(Type.NAT, Hook.POSTROUTING, Priority.SRCNAT),
                        rules));
    }

    /**
     * An inside client that reaches a forward by its public address is DNATed to a server next to it; without
     * source NAT the server would answer it directly and the client would drop the unexpected reply. Without
     * declared WANs every forwarded connection is NATed, since inside and outside cannot be told apart.
     */
    private static Rule hairpin(Forwards forwards, Optional<Wans> wans) {
        return wans.map(w -> Rule.of(
                        "iifname !=",
                        w.interfaces,
                        "ct status dnat ct original ip daddr",
                        forwards.publicAddresses,
                        "masquerade"))
                .orElseGet(
                        () -> Rule.of("ct status dnat ct original ip daddr", forwards.publicAddresses, "masquerade"));
    }
}
