package io.pptpgw.lab.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The standard topologies, by name: {@code pair}, {@code client-node} and {@code demo}. Addresses come from the
 * documentation ranges of RFC 5737 (the "public" internet) and the private ranges of RFC 1918, so nothing a lab
 * does can reach or imitate a real network.
 */
public final class Topologies {
    /** The nat host's ruleset: a home router with PPTP passthrough (the {@code pptp} conntrack helper). */
    public static final String DEMO_NAT_RULESET = """
            table ip demo_nat {
            	ct helper pptp {
            		type "pptp" protocol tcp
            	}

            	chain prerouting-pptp-helper {
            		type filter hook prerouting priority filter; policy accept;
            		tcp dport 1723 ct helper set "pptp"
            	}

            	chain postrouting-masquerade {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "wan" masquerade
            	}
            }
            """;

    private static final Map<String, Supplier<Topology>> BY_NAME =
            Map.of("pair", Topologies::pair, "client-node", Topologies::clientNode, "demo", Topologies::demo);

    private Topologies() {}

    /** A topology by its name, or empty; {@link #names()} lists them. */
    public static Optional<Topology> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name)).map(Supplier::get);
    }

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    /** Two hosts {@code a} (eth0 10.0.0.1/24) and {@code b} (eth0 10.0.0.2/24) joined by one veth. */
    public static Topology pair() {
        return new Topology(
                "pair",
                List.of(Host.named("a"), Host.named("b")),
                List.of(Link.between(
                        Endpoint.of("a", "eth0", "10.0.0.1/24"), Endpoint.of("b", "eth0", "10.0.0.2/24"))));
    }

    /**
     * A client on the node's first WAN segment, no NAT between them: {@code client} eth0 203.0.113.10/24 to
     * {@code node} wan1 203.0.113.2/24. The node forwards.
     */
    public static Topology clientNode() {
        return new Topology(
                "client-node",
                List.of(Host.named("client"), Host.named("node").forwarding()),
                List.of(Link.between(
                        Endpoint.of("client", "eth0", "203.0.113.10/24"),
                        Endpoint.of("node", "wan1", "203.0.113.2/24"))));
    }

    /**
     * Two clients behind one home NAT router reach a gateway node with two ISP uplinks and one inside server.
     *
     * <pre>
     * client  eth0 192.168.1.2 --+
     *                            +-- lan1, lan2: bridge lan 192.168.1.1/24 [nat] wan 192.0.2.100/24
     * client2 eth0 192.168.1.3 --+                                                  |
     *                                                     [internet] bridge pub: the public segment 192.0.2.0/24
     *                                                      |                                  |
     *                                   [isp1] pub 192.0.2.1/24                   [isp2] pub 192.0.2.2/24
     *                                          node 203.0.113.1/24                       node 198.51.100.1/24
     *                                           |                                         |
     *                                   wan1 203.0.113.2/24 --------- [node] --------- wan2 198.51.100.2/24
     *                                                             lan 10.0.0.1/24
     *                                                                   |
     *                                                       [inside] eth0 10.0.0.5/24
     * </pre>
     *
     * <ul>
     *   <li>{@code client}, {@code client2}: 192.168.1.2 and .3/24 on the nat's LAN bridge, default via 192.168.1.1.
     *   <li>{@code nat}: a home router; LAN bridge {@code lan} 192.168.1.1/24 over ports {@code lan1}, {@code lan2};
     *       {@code wan} 192.0.2.100/24; masquerades out of {@code wan} and runs the {@code pptp} conntrack helper on
     *       TCP 1723 ({@link #DEMO_NAT_RULESET}); routes 203.0.113.0/24 via isp1 (192.0.2.1), 198.51.100.0/24 via
     *       isp2 (192.0.2.2), default via isp1. A client therefore reaches the node via isp1 by connecting to
     *       203.0.113.2 and via isp2 by connecting to 198.51.100.2, both from the one public address 192.0.2.100.
     *   <li>{@code internet}: a switch; bridge {@code pub} over its ports {@code nat}, {@code isp1}, {@code isp2},
     *       making 192.0.2.0/24 the public segment the nat and both ISPs share.
     *   <li>{@code isp1}: {@code pub} 192.0.2.1/24, {@code node} 203.0.113.1/24; 198.51.100.0/24 via isp2.
     *       {@code isp2}: {@code pub} 192.0.2.2/24, {@code node} 198.51.100.1/24; 203.0.113.0/24 via isp1. Both filter
     *       sources strictly (rp_filter 1, as BCP 38 asks of an ISP): a packet from the node that leaves by the wrong
     *       ISP (198.51.100.2 out of isp1, say) is dropped, as a real ISP would drop it.
     *   <li>{@code node}: the gateway; {@code wan1} 203.0.113.2/24, {@code wan2} 198.51.100.2/24, {@code lan}
     *       10.0.0.1/24; main default route via isp1 (203.0.113.1); forwarding on; rp_filter loose (2), so a client
     *       arriving on wan2 is accepted although the main table would answer by wan1. Replies to such a client only
     *       get through when the gateway pins them to wan2 (fwmark routing): this topology makes that failure real.
     *   <li>{@code inside}: a server on the node's LAN, {@code eth0} 10.0.0.5/24, default via 10.0.0.1.
     * </ul>
     *
     * <p>The internet does not route 10.0.0.0/24: clients reach {@code inside} only through the node's services (or a
     * test adds transit routes). See docs/LAB.md.
     */
    public static Topology demo() {
        return new Topology("demo", demoHosts(), demoLinks());
    }

    private static List<Host> demoHosts() {
        return List.of(
                Host.named("client").withRoute(Route.defaultVia("192.168.1.1")),
                Host.named("client2").withRoute(Route.defaultVia("192.168.1.1")),
                Host.named("nat")
                        .forwarding()
                        .withBridge(Bridge.of("lan", List.of("lan1", "lan2"), "192.168.1.1/24"))
                        .withRoute(Route.to("203.0.113.0/24", "192.0.2.1"))
                        .withRoute(Route.to("198.51.100.0/24", "192.0.2.2"))
                        .withRoute(Route.defaultVia("192.0.2.1"))
                        .withNftRuleset(DEMO_NAT_RULESET),
                Host.named("internet").withBridge(Bridge.of("pub", List.of("nat", "isp1", "isp2"))),
                Host.named("isp1")
                        .forwarding()
                        .reversePathFilter(1)
                        .withRoute(Route.to("198.51.100.0/24", "192.0.2.2")),
                Host.named("isp2").forwarding().reversePathFilter(1).withRoute(Route.to("203.0.113.0/24", "192.0.2.1")),
                Host.named("node").forwarding().reversePathFilter(2).withRoute(Route.defaultVia("203.0.113.1")),
                Host.named("inside").withRoute(Route.defaultVia("10.0.0.1")));
    }

    private static List<Link> demoLinks() {
        return List.of(
                Link.between(Endpoint.of("client", "eth0", "192.168.1.2/24"), Endpoint.of("nat", "lan1")),
                Link.between(Endpoint.of("client2", "eth0", "192.168.1.3/24"), Endpoint.of("nat", "lan2")),
                Link.between(Endpoint.of("nat", "wan", "192.0.2.100/24"), Endpoint.of("internet", "nat")),
                Link.between(Endpoint.of("isp1", "pub", "192.0.2.1/24"), Endpoint.of("internet", "isp1")),
                Link.between(Endpoint.of("isp2", "pub", "192.0.2.2/24"), Endpoint.of("internet", "isp2")),
                Link.between(
                        Endpoint.of("isp1", "node", "203.0.113.1/24"), Endpoint.of("node", "wan1", "203.0.113.2/24")),
                Link.between(
                        Endpoint.of("isp2", "node", "198.51.100.1/24"), Endpoint.of("node", "wan2", "198.51.100.2/24")),
                Link.between(Endpoint.of("node", "lan", "10.0.0.1/24"), Endpoint.of("inside", "eth0", "10.0.0.5/24")));
    }
}
