package io.pptpgw.bench;

import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Link;
import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's network: a client, the gateway's node, and a server behind the node.
 *
 * <pre>
 * [client] eth0 203.0.113.10/24 (+ load sources 203.0.113.100...)
 *     |                                   route 10.0.1.0/24 via 203.0.113.2: the baseline, no tunnel
 * [node]   wan1 203.0.113.2/24            the gateway listens here; forwarding on
 *          lan  10.0.0.1/24, 10.0.1.1/24
 *     |
 * [server] eth0 10.0.0.5/24, 10.0.1.5/24  default via 10.0.0.1
 * </pre>
 *
 * The server has one address per path over the same veths: {@link #BASELINE_TARGET} is reached by plain routing
 * through the node, {@link #TUNNEL_TARGET} only through the tunnel (the client routes it into its TUN device). So a
 * baseline and a tunnel run can alternate without changing a route, and both cross the same links and kernels.
 */
final class BenchTopology {
    static final String CLIENT = "client";
    static final String NODE = "node";
    static final String SERVER = "server";
    static final String GATEWAY_ADDRESS = "203.0.113.2";
    static final String PROBE_SOURCE = "203.0.113.10";
    static final String BASELINE_TARGET = "10.0.1.5";
    static final String TUNNEL_TARGET = "10.0.0.5";
    /** The gateway's client pool: room for 60,000 sessions and the gateway's own address. */
    static final String CLIENT_POOL = "10.128.0.0/16";

    static final int FIRST_LOAD_SOURCE = 100;
    static final int MAX_LOAD_SOURCES = 150;

    private BenchTopology() {}

    /** The topology with {@code loadSources} extra client addresses for many control connections. */
    static Topology build(int loadSources) {
        if (loadSources < 1 || loadSources > MAX_LOAD_SOURCES) {
            throw new IllegalArgumentException(
                    "load sources " + loadSources + " are outside 1.." + MAX_LOAD_SOURCES + " (one /24)");
        }
        List<String> clientAddresses = new ArrayList<>(List.of(PROBE_SOURCE + "/24"));
        loadSources(loadSources).forEach(address -> clientAddresses.add(address + "/24"));
        return new Topology(
                "bench",
                List.of(
                        Host.named(CLIENT).withRoute(Route.to("10.0.1.0/24", GATEWAY_ADDRESS)),
                        Host.named(NODE).forwarding(),
                        Host.named(SERVER).withRoute(Route.defaultVia("10.0.0.1"))),
                List.of(
                        Link.between(
                                Endpoint.of(CLIENT, "eth0", clientAddresses.toArray(String[]::new)),
                                Endpoint.of(NODE, "wan1", GATEWAY_ADDRESS + "/24")),
                        Link.between(
                                Endpoint.of(NODE, "lan", "10.0.0.1/24", "10.0.1.1/24"),
                                Endpoint.of(SERVER, "eth0", TUNNEL_TARGET + "/24", BASELINE_TARGET + "/24"))));
    }

    /** The client's addresses for control connections of the session load, one per thousand sessions. */
    static List<String> loadSources(int count) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sources.add("203.0.113." + (FIRST_LOAD_SOURCE + i));
        }
        return sources;
    }
}
