package io.pptpgw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.Preflight;
import io.pptpgw.lab.TcpSink;
import io.pptpgw.lab.TcpSource;
import io.pptpgw.lab.impairment.GreImpairment;
import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Link;
import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client and gateway as real processes, MPPE end to end: the kernel's TCP on both ends, through a real TUN device
 * on the client ({@code pptpgw probe --tun --hold}) and the gateway's, over a router that can lose and reorder GRE.
 * One lab and one gateway (MPPE Required; stateful and 40-bit allowed) serve every test.
 *
 * <pre>
 * client eth0 192.0.2.10 -- eth0 192.0.2.1 [router] eth1 203.0.113.1 -- wan1 203.0.113.2 [node: pptpgw gateway]
 * </pre>
 */
class MppeLabIT {
    private static final String GATEWAY = "203.0.113.2";
    private static final String GATEWAY_TUNNEL_ADDRESS = "10.250.0.1";
    private static final long CLEAN_BYTES = 24L << 20;
    private static final long IMPAIRED_BYTES = 8L << 20;
    /** Stateful MPPE loses everything from a lost packet to the next flushed one: TCP crawls, so less. */
    private static final long IMPAIRED_STATEFUL_BYTES = 3L << 20;

    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(4);
    /** 1% of GRE lost at random, one packet in 50 of each direction swapped with the next. */
    private static final GreImpairment IMPAIRMENT = new GreImpairment(1, 50);

    private static final Pattern ADDRESS = Pattern.compile("(?m)^address: (\\S+)$");
    private static final Pattern STAT = Pattern.compile("(\\w+)=(\\d+)");

    @TempDir
    static Path files;

    private static Lab lab;
    private static LabProcess gateway;
    private static Path password;
    private static int nextPort = 5001;

    static Topology routed() {
        return new Topology(
                "mppe-routed",
                List.of(
                        Host.named("client").withRoute(Route.defaultVia("192.0.2.1")),
                        Host.named("router").forwarding(),
                        Host.named("node").forwarding().withRoute(Route.defaultVia("203.0.113.1"))),
                List.of(
                        Link.between(
                                Endpoint.of("client", "eth0", "192.0.2.10/24"),
                                Endpoint.of("router", "eth0", "192.0.2.1/24")),
                        Link.between(
                                Endpoint.of("router", "eth1", "203.0.113.1/24"),
                                Endpoint.of("node", "wan1", "203.0.113.2/24"))));
    }

    @BeforeAll
    static void startGateway() throws IOException {
        List<String> problems = Preflight.problems();
        Assumptions.assumeTrue(problems.isEmpty(), () -> "network lab unavailable: " + String.join("; ", problems));
        lab = Lab.build(routed());
        Path config = Files.writeString(files.resolve("gateway.yaml"), """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: mppe}
                spec:
                  clientPool: {cidr: 10.250.0.0/24}
                  authentication:
                    usersSecretRef: {name: users}
                    encryption: Required
                    mppe: {allowStateful: true, allow40Bit: true}
                """);
        Path users = Files.writeString(files.resolve("users.yaml"), "alice: secret\n");
        password = Files.writeString(files.resolve("password"), "secret\n");
        gateway = lab.namespace("node")
                .startJava(PptpgwCommand.class, "gateway", "--config", config.toString(), "--users", users.toString());
        gateway.awaitOutput("listening on port", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void stateless128CarriesTcpByteForByteBothWays() {
        Transfer transfer = transferBothWays(List.of(), "mppe-128", CLEAN_BYTES, null);
        assertThat(transfer.stats()).containsEntry("mppe_resyncs", 0L);
        assertThat(transfer.stats().get("mppe_rekeys")).as("a key per packet").isGreaterThan(2 * CLEAN_BYTES / 1400);
    }

    @Test
    void stateful128CarriesTcpByteForByteBothWays() {
        Transfer transfer = transferBothWays(List.of("--stateful"), "mppe-128-stateful", CLEAN_BYTES, null);
        assertThat(transfer.stats()).containsEntry("mppe_resyncs", 0L);
        assertThat(transfer.stats().get("mppe_rekeys"))
                .as("a key per 256 packets")
                .isLessThan(2 * CLEAN_BYTES / 1000 / 128);
    }

    @Test
    void fortyBitWhereAllowedCarriesTcpByteForByteBothWays() {
        transferBothWays(List.of("--ask-40bit"), "mppe-40", CLEAN_BYTES, null);
    }

    @Test
    void statelessSurvivesOnePercentLossAndReordering() {
        Transfer transfer = transferBothWays(List.of(), "mppe-128", IMPAIRED_BYTES, IMPAIRMENT);
        assertThat(transfer.droppedOnTheRouter()).isPositive();
        assertThat(transfer.stats().get("reordered"))
                .as("put back in order by the client")
                .isPositive();
        assertThat(transfer.stats().get("lost"))
                .as("given up by the client's reorder buffer")
                .isPositive();
        assertThat(transfer.stats()).containsEntry("mppe_resyncs", 0L);
    }

    @Test
    void statefulResynchronisesAfterLossAndCarriesOn() {
        Transfer transfer =
                transferBothWays(List.of("--stateful"), "mppe-128-stateful", IMPAIRED_STATEFUL_BYTES, IMPAIRMENT);
        assertThat(transfer.droppedOnTheRouter()).isPositive();
        assertThat(transfer.stats().get("reordered")).isPositive();
        assertThat(transfer.stats().get("mppe_resyncs"))
                .as("CCP Reset-Requests the client sent")
                .isPositive();
        assertThat(transfer.stats().get("dropped_mppe_awaiting_flush")).isPositive();
    }

    @Test
    void aClientRefusingMppeIsRefusedWithTheReason() {
        LogMark mark = LogMark.now();
        ExecResult probe = lab.namespace("client")
                .java(PptpgwCommand.class, probeArguments(List.of("--encryption", "off")))
                .withTimeout(Duration.ofSeconds(90))
                .run();
        assertThat(probe.exitCode()).as(probe.toString()).isEqualTo(1);
        assertThat(probe.stdout()).contains("FAILED: ").contains("encryption is Required");
        assertThat(mark.since()).contains("peer refused MPPE").contains("encryption is Required");
    }

    /** What one dial-and-transfer showed: the client's counters and what the router dropped. */
    private record Transfer(Map<String, Long> stats, long droppedOnTheRouter) {}

    /**
     * Dials with {@code probeOptions}, checks the variant both ends report, impairs the router's GRE if asked (once
     * the link is up: setup under loss is another matter), sends {@code bytes} from the client to the gateway and as
     * many back, compares SHA-256 digests, hangs up and returns the client's data path counters.
     */
    private static Transfer transferBothWays(
            List<String> probeOptions, String encryption, long bytes, GreImpairment impairment) {
        LogMark mark = LogMark.now();
        List<String> options = new ArrayList<>(probeOptions);
        options.addAll(List.of("--tun", "ppp0", "--hold", "--stats"));
        Namespace client = lab.namespace("client");
        try (LabProcess probe = client.startJava(PptpgwCommand.class, probeArguments(options))) {
            try {
                probe.awaitOutput("holding the tunnel up", Duration.ofSeconds(90));
                assertThat(probe.stdout()).contains("encryption: " + encryption + "\n");
                assertThat(mark.since()).contains(", " + encryption + ", set up in");
                Matcher address = ADDRESS.matcher(probe.stdout());
                assertThat(address.find()).as(probe.stdout()).isTrue();

                long dropped = 0;
                try (GreImpairment.Applied impaired =
                        impairment == null ? null : impairment.applyTo(lab.namespace("router"))) {
                    send(client, lab.namespace("node"), GATEWAY_TUNNEL_ADDRESS, address.group(1), bytes);
                    send(lab.namespace("node"), client, address.group(1), null, bytes);
                    dropped = impaired == null ? 0 : impaired.droppedPackets();
                }
                probe.close(); // SIGTERM: the probe hangs up and prints its counters
                String output = probe.waitFor(Duration.ofSeconds(30)).stdout();
                assertThat(output).contains("hung up");
                return new Transfer(stats(output), dropped);
            } catch (AssertionError | RuntimeException e) {
                System.err.println("--- probe ---\n" + probe.stdout() + probe.stderr() + "\n--- gateway since ---\n"
                        + mark.since());
                throw e;
            }
        }
    }

    /** {@code from} sends {@code bytes} to a sink on {@code to} at {@code toAddress}; both must agree byte for byte. */
    private static void send(Namespace from, Namespace to, String toAddress, String fromAddress, long bytes) {
        String port = Integer.toString(nextPort++);
        try (LabProcess sink = to.startJava(TcpSink.class, port)) {
            sink.awaitOutput("LISTENING", Duration.ofSeconds(60));
            ExecResult source = from.java(TcpSource.class, toAddress, port, Long.toString(bytes), port)
                    .withTimeout(TRANSFER_TIMEOUT)
                    .run()
                    .orThrow();
            String sent = source.stdout().strip().replace("SENT ", "");
            String received = sink.waitFor(Duration.ofSeconds(60)).stdout();
            assertThat(received).as("what the sink got").contains("RECEIVED " + sent);
            if (fromAddress != null) {
                assertThat(received).as("through the tunnel").contains("FROM " + fromAddress);
            }
        }
    }

    private static String[] probeArguments(List<String> options) {
        List<String> arguments = new ArrayList<>(List.of(
                "probe",
                "--server",
                GATEWAY,
                "--user",
                "alice",
                "--password-file",
                password.toString(),
                "--timeout",
                "60"));
        arguments.addAll(options);
        return arguments.toArray(String[]::new);
    }

    private static Map<String, Long> stats(String probeOutput) {
        String line = probeOutput
                .lines()
                .filter(l -> l.startsWith("stats:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stats line in\n" + probeOutput));
        Map<String, Long> stats = new HashMap<>();
        Matcher pair = STAT.matcher(line);
        while (pair.find()) {
            stats.put(pair.group(1), Long.parseLong(pair.group(2)));
        }
        stats.putIfAbsent("dropped_mppe_awaiting_flush", 0L);
        System.out.println(line);
        return stats;
    }

    /** Where the gateway's output stood, to read what it logged since. */
    private record LogMark(int stdout, int stderr) {
        static LogMark now() {
            return new LogMark(gateway.stdout().length(), gateway.stderr().length());
        }

        String since() {
            return gateway.stdout().substring(stdout) + gateway.stderr().substring(stderr);
        }
    }
}
