package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.LabTopology;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.TcpSink;
import io.pptpgw.lab.TcpSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic from our client through our gateway and the rules it programs, in the demo lab (docs/LAB.md): the
 * gateway runs on {@code node} with both ISPs as WANs and a tunnel MTU of 1300; {@code client} holds a tunnel via
 * isp1 whose TUN routes isp1's own address (203.0.113.1), a host beyond the WAN, through the tunnel.
 */
@LabTopology(value = "demo", shared = true)
class NodeTrafficIT {
    static final String SPEC = """
            clientPool: {cidr: 10.250.0.0/24}
            mtu: 1300
            wans:
            - {name: isp1, interface: wan1, gateway: 203.0.113.1, mark: 257, table: 101}
            - {name: isp2, interface: wan2, gateway: 198.51.100.1, mark: 258, table: 102}
            """;
    private static final int TUNNEL_MTU = 1300;
    private static final Duration TRANSFER = Duration.ofSeconds(90);

    @TempDir
    static Path files;

    private static GatewayProcess gateway;
    private static LabProcess tunnel;

    @BeforeAll
    static void gatewayOnTheNodeAndATunnelFromTheClient(Lab lab) {
        gateway = GatewayProcess.start(lab.namespace("node"), files, "lab", SPEC);
        tunnel = Probe.hold(
                lab.namespace("client"),
                GatewayProcess.passwordFile(files),
                lab.address("node", "wan1"),
                "ppp0",
                "--route",
                lab.address("isp1", "node") + "/32");
    }

    @AfterAll
    static void stop() {
        if (tunnel != null) {
            tunnel.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aHostBeyondTheWanSeesTheWanAddressAsTheTunnelClientsSource(Lab lab) {
        String isp1 = lab.address("isp1", "node");
        try (LabProcess sink = lab.namespace("isp1").startJava(TcpSink.class, "5001")) {
            sink.awaitOutput("LISTENING", TRANSFER);

            ExecResult sent = lab.namespace("client")
                    .java(TcpSource.class, isp1, "5001", Long.toString(1L << 20), "7")
                    .withTimeout(TRANSFER)
                    .run();
            ExecResult received = sink.waitFor(TRANSFER);

            assertThat(sent.exitCode())
                    .as("TcpSource: %s%s\n%s", sent.stdout(), sent.stderr(), gateway)
                    .isZero();
            String digest = sent.stdout().strip().split(" ")[2];
            // The tunnel address (10.250.0.x) never reaches isp1: the node masqueraded it to wan1's address.
            assertThat(received.stdout())
                    .as("TcpSink: %s%s", received.stdout(), received.stderr())
                    .contains("RECEIVED " + (1L << 20) + " " + digest + " FROM " + lab.address("node", "wan1"));
        }
    }

    @Test
    void synsThroughTheTunnelCarryAnMssThatFitsTheTunnel(Lab lab) {
        Namespace client = lab.namespace("client");
        String isp1 = lab.address("isp1", "node");
        String syns = "tcp port 5002 and tcp[tcpflags] & tcp-syn != 0";
        try (PacketCapture beyondTheWan = PacketCapture.start(lab.namespace("isp1"), "node", syns);
                PacketCapture atTheClient = PacketCapture.start(client, "ppp0", syns);
                LabProcess sink = lab.namespace("isp1").startJava(TcpSink.class, "5002")) {
            sink.awaitOutput("LISTENING", TRANSFER);

            client.java(TcpSource.class, isp1, "5002", "65536", "8")
                    .withTimeout(TRANSFER)
                    .run()
                    .orThrow();

            List<String> wire = beyondTheWan.awaitPacket("SYN-ACK", p -> p.contains("Flags [S.]"), TRANSFER);
            List<String> tunnel = atTheClient.awaitPacket("SYN-ACK", p -> p.contains("Flags [S.]"), TRANSFER);
            int limit = TUNNEL_MTU - 40;
            // The client's TUN has MTU 1400, so its kernel offers 1360; the node clamps it on the way out.
            assertThat(mss(tunnel, "Flags [S]"))
                    .as("the client's SYN in its TUN\n%s", atTheClient)
                    .isEqualTo(1360);
            assertThat(mss(wire, "Flags [S]"))
                    .as("the SYN on isp1's wire\n%s", beyondTheWan)
                    .isLessThanOrEqualTo(limit);
            // The server offers its Ethernet MSS; the node clamps it on the way into the tunnel.
            assertThat(mss(wire, "Flags [S.]")).as("%s", beyondTheWan).isEqualTo(1460);
            assertThat(mss(tunnel, "Flags [S.]"))
                    .as("the SYN-ACK as the client received it\n%s", atTheClient)
                    .isLessThanOrEqualTo(limit);
            sink.waitFor(TRANSFER).orThrow();
        }
    }

    @Test
    void aClientArrivingViaIsp2IsServedEntirelyThroughIsp2(Lab lab) {
        Namespace node = lab.namespace("node");
        String wan2 = lab.address("node", "wan2");
        assertThat(node.exec("ip", "route", "show", "default").orThrow().stdout())
                .as("the main table's default route points at isp1")
                .contains("via " + lab.address("isp1", "node") + " dev wan1");
        // Every packet of the session has the dialled address at one end; none may cross isp1's link.
        try (PacketCapture isp1Link = PacketCapture.start(node, "wan1", "host " + wan2 + " or icmp");
                PacketCapture isp2Link = PacketCapture.start(node, "wan2", "host " + wan2)) {

            ExecResult probe = Probe.dial(
                    lab.namespace("client2"), GatewayProcess.passwordFile(files), wan2, "--ping", "10.250.0.1");

            assertThat(probe.exitCode())
                    .as("%s\n%s", Probe.describe(probe), gateway)
                    .isZero();
            assertThat(probe.stdout()).contains("3/3 pings answered").contains("hung up");
            String client = lab.address("nat", "wan");
            // The probe has exited: its control connection is closing or closed.
            List<String> isp2 = isp2Link.awaitPacket(
                    "end of the control connection (FIN or RST)",
                    p -> p.contains(".1723") && (p.contains("Flags [F") || p.contains("Flags [R")),
                    Duration.ofSeconds(20));
            assertThat(isp2)
                    .as("%s", isp2Link)
                    .anyMatch(p -> p.contains(client + ".") && p.contains(" > " + wan2 + ".1723: Flags [S]"))
                    .anyMatch(p -> p.contains(wan2 + ".1723 > " + client + ".") && p.contains("Flags [S.]"))
                    .anyMatch(p -> p.contains(client + " > " + wan2 + ": GREv1"))
                    .anyMatch(p -> p.contains(wan2 + " > " + client + ": GREv1"));
            // The capture on isp1's link works: it sees the node's own ping to isp1.
            node.exec("ping", "-c", "1", "-W", "5", lab.address("isp1", "node")).orThrow();
            isp1Link.awaitPacket("the node's ping to isp1", p -> p.contains("ICMP echo request"), TRANSFER);
            assertThat(isp1Link.packets()).as("%s", isp1Link).noneMatch(p -> p.contains(wan2));
        }
    }

    private static int mss(List<String> packets, String flags) {
        String packet = packets.stream()
                .filter(p -> p.contains(flags + ","))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no packet with " + flags + " in " + packets));
        return PacketCapture.mss(packet).orElseThrow(() -> new AssertionError("no MSS option in " + packet));
    }
}
