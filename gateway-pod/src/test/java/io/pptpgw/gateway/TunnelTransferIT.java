package io.pptpgw.gateway;

import static io.pptpgw.metrics.GatewayMetrics.GRE_LATE_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_LOST_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_REORDERED_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.MPPE_REKEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.TcpSink;
import io.pptpgw.lab.TcpSource;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our client dials our gateway across the lab with a real TUN device on the client, so the kernel's own ping and TCP
 * run through the tunnel to a host behind the gateway: MS-CHAPv2, MPPE-128, the address and DNS servers from IPCP,
 * and 100 MB byte for byte each way.
 */
class TunnelTransferIT {
    private static final long BYTES = 100L << 20;
    private static final Pattern RECEIVED = Pattern.compile("RECEIVED (\\d+) (\\p{XDigit}{64}) FROM \\S+ IN (\\d+) ms");

    private static GatewayLab lab;
    private static LabProcess gateway;

    @BeforeAll
    static void startGateway() {
        lab = GatewayLab.open();
        gateway = lab.startGateway("transfer", """
                clientPool: {cidr: 10.250.0.0/24}
                dns: [10.96.0.10, 10.96.0.11]
                """);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void clientPingsInsideThroughItsTunAndMoves100MegabytesOfTcpEachWayByteForByte() {
        try (LabProcess probe = lab.probe(
                        "alice",
                        GatewayLab.PASSWORD,
                        "--tun",
                        "pptp0",
                        "--route",
                        "10.0.0.0/24",
                        "--ping",
                        GatewayLab.INSIDE,
                        "--count",
                        "3",
                        "--hold")
                .start()) {
            probe.awaitOutput("packet loss", Duration.ofSeconds(60));
            assertThat(probe.stdout())
                    .as(GatewayLab.output(probe) + GatewayLab.output(gateway))
                    .contains("address: 10.250.0.")
                    .contains("server address: 10.250.0.1")
                    .contains("dns: 10.96.0.10 10.96.0.11")
                    .contains("encryption: mppe-128")
                    .contains("3 received, 0% packet loss");
            String clientAddress = GatewayLab.assignedAddress(probe.stdout());

            transfer("upload", lab.inside(), lab.client(), GatewayLab.INSIDE, probe);
            transfer("download", lab.client(), lab.inside(), clientAddress, probe);
            MetricsText metrics = lab.metrics();
            System.out.printf(
                    "TunnelTransferIT: at the gateway, GRE packets received %.0f, sent %.0f; reordered %.0f, late %.0f,"
                            + " lost %.0f; MPPE rekeys %.0f%n",
                    metrics.value(GRE_PACKETS, "direction", "received"),
                    metrics.value(GRE_PACKETS, "direction", "sent"),
                    metrics.value(GRE_REORDERED_PACKETS),
                    metrics.value(GRE_LATE_PACKETS),
                    metrics.value(GRE_LOST_PACKETS),
                    metrics.value(MPPE_REKEYS));
        }
    }

    /** {@link #BYTES} seeded bytes from {@code from} to a sink in {@code to} at {@code address}, compared by SHA-256. */
    private static void transfer(String name, Namespace to, Namespace from, String address, LabProcess probe) {
        try (LabProcess sink = to.startJava(TcpSink.class, "5001")) {
            sink.awaitOutput("LISTENING", Duration.ofSeconds(30));
            ExecResult sent = from.java(TcpSource.class, address, "5001", Long.toString(BYTES), "20260")
                    .withTimeout(Duration.ofSeconds(180))
                    .run();
            ExecResult received = sink.waitFor(Duration.ofSeconds(60));

            String why = sent + "\n" + received + GatewayLab.output(probe) + GatewayLab.output(gateway);
            assertThat(sent.exitCode()).as(why).isZero();
            String digest = sent.stdout().strip().split(" ")[2];
            Matcher matcher = RECEIVED.matcher(received.stdout());
            assertThat(matcher.find()).as(why).isTrue();
            assertThat(matcher.group(1)).as(why).isEqualTo(Long.toString(BYTES));
            assertThat(matcher.group(2))
                    .as("SHA-256 of what arrived (%s)", name)
                    .isEqualTo(digest);
            long millis = Math.max(1, Long.parseLong(matcher.group(3)));
            System.out.printf(
                    "TunnelTransferIT: %s of %d MB through the tunnel in %d ms: %.1f Mbit/s%n",
                    name, BYTES >> 20, millis, BYTES * 8.0 / millis / 1000);
        }
    }
}
