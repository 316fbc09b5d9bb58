package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.LabTopology;
import io.pptpgw.lab.topology.Bridge;
import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Link;
import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code passthrough.forwards} with hairpin NAT: the node publishes an inside PPTP server (our gateway on
 * {@code inside}, 10.0.0.5) at 203.0.113.10. An inside client ({@code office}, 10.0.0.6 on the same LAN switch)
 * that dials the public address is DNATed to a server next to it, which would answer it directly, from an address
 * it never dialled; hairpin NAT makes the server answer the node instead.
 */
@LabTopology(value = "officeLan", shared = true)
class HairpinIT {
    private static final String PUBLIC_ADDRESS = "203.0.113.10";
    /** Seconds the inside client waits for a control connection that cannot be established. */
    private static final int GIVE_UP = 5;

    @TempDir
    static Path files;

    private static GatewayProcess insideServer;

    /**
     * The demo with the node's LAN on a switch ({@code switch}, a bridge in a namespace of its own, as
     * {@code internet} is for the public segment) holding {@code inside} and a second host, {@code office}; the
     * node's wan1 also holds the public address of the forward. The switch must not be the node's own bridge: with
     * br_netfilter the node would see, and un-NAT, the server's direct answer to the office.
     */
    static Topology officeLan() {
        Topology demo = Topologies.demo();
        List<Link> links = new ArrayList<>(demo.links().stream()
                .filter(link -> !isNode(link.a(), "lan", "wan1") && !isNode(link.b(), "lan", "wan1"))
                .toList());
        links.add(Link.between(
                Endpoint.of("isp1", "node", "203.0.113.1/24"),
                Endpoint.of("node", "wan1", "203.0.113.2/24", PUBLIC_ADDRESS + "/24")));
        links.add(Link.between(Endpoint.of("node", "lan", "10.0.0.1/24"), Endpoint.of("switch", "node")));
        links.add(Link.between(Endpoint.of("inside", "eth0", "10.0.0.5/24"), Endpoint.of("switch", "inside")));
        links.add(Link.between(Endpoint.of("office", "eth0", "10.0.0.6/24"), Endpoint.of("switch", "office")));
        List<Host> hosts = new ArrayList<>(demo.hosts());
        hosts.add(Host.named("switch").withBridge(Bridge.of("lan", List.of("node", "inside", "office"))));
        hosts.add(Host.named("office").withRoute(Route.defaultVia("10.0.0.1")));
        return new Topology("office-lan", hosts, links);
    }

    private static boolean isNode(Endpoint end, String... interfaces) {
        return end.host().equals("node") && List.of(interfaces).contains(end.interfaceName());
    }

    @BeforeAll
    static void ourGatewayIsTheInsidePptpServer(Lab lab) {
        insideServer = GatewayProcess.start(
                lab.namespace("inside"), files, "inside", "clientPool: {cidr: 10.252.0.0/24}", "--no-node-programming");
    }

    @AfterAll
    static void stop() {
        if (insideServer != null) {
            insideServer.close();
        }
    }

    @Test
    void anInsideClientReachesTheInsideServerByThePublicAddressAsAnOutsideClientDoes(Lab lab) {
        try (GatewayProcess node = nodeGateway(lab, true)) {
            Path password = GatewayProcess.passwordFile(files);
            try (LabProcess inside =
                            Probe.start(lab.namespace("office"), password, PUBLIC_ADDRESS, "--ping", "10.252.0.1");
                    LabProcess outside =
                            Probe.start(lab.namespace("client"), password, PUBLIC_ADDRESS, "--ping", "10.252.0.1")) {
                for (LabProcess probe : List.of(inside, outside)) {
                    ExecResult result = Probe.finish(probe);
                    assertThat(result.exitCode())
                            .as("%s\n%s\n%s", Probe.describe(result), node, insideServer)
                            .isZero();
                    assertThat(result.stdout()).contains("3/3 pings answered");
                }
            }
            // The server saw the inside client as the node (hairpin), the outside one as the NAT's public address.
            assertThat(insideServer.output())
                    .contains("control connection from /10.0.0.1:")
                    .contains("control connection from /" + lab.address("nat", "wan") + ":");
        }
    }

    @Test
    void withoutHairpinTheInsideClientIsAnsweredFromAnAddressItNeverDialled(Lab lab) {
        try (GatewayProcess node = nodeGateway(lab, false)) {
            ExecResult result = Probe.finish(
                    Probe.start(lab.namespace("office"), GatewayProcess.passwordFile(files), PUBLIC_ADDRESS, GIVE_UP));

            assertThat(result.exitCode()).as(Probe.describe(result)).isEqualTo(1);
            assertThat(result.stdout()).startsWith("FAILED: ");
            assertThat(insideServer.output()).doesNotContain("control connection from /10.0.0.6:");
        }
    }

    private static GatewayProcess nodeGateway(Lab lab, boolean hairpin) {
        return GatewayProcess.start(lab.namespace("node"), files, "office", """
                clientPool: {cidr: 10.250.0.0/24}
                wans:
                - {name: isp1, interface: wan1, gateway: 203.0.113.1, mark: 257, table: 101}
                - {name: isp2, interface: wan2, gateway: 198.51.100.1, mark: 258, table: 102}
                passthrough:
                  conntrackHelper: true
                  hairpin: %s
                  forwards: [{publicAddress: %s, target: 10.0.0.5}]
                """.formatted(hairpin, PUBLIC_ADDRESS));
    }
}
