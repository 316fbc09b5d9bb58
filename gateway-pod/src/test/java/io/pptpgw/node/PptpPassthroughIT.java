package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.LabTopology;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import io.pptpgw.net.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PPTP passthrough by our ruleset: the demo's home router ({@code nat}) keeps only its masquerade, and the
 * {@code pptp} conntrack helper comes from our table ({@code forward-pptp-helper}), programmed by our
 * {@link NodeProgrammer} on that box. Both clients behind it dial our gateway on {@code node}, the outside PPTP
 * server, from the router's one public address.
 */
@LabTopology(value = "homeRouterWithoutItsOwnHelper", shared = true)
class PptpPassthroughIT {
    /** A home router that masquerades its LAN and nothing more: the PPTP helper is ours to add. */
    static final String MASQUERADE_ONLY = """
            table ip home_nat {
            	chain postrouting-masquerade {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "wan" masquerade
            	}
            }
            """;

    /** Seconds a probe waits for a link that cannot come; a working one is up in about four on a loaded machine. */
    private static final int GIVE_UP = 10;

    @TempDir
    static Path files;

    private static GatewayProcess outsideServer;

    static Topology homeRouterWithoutItsOwnHelper() {
        return Topologies.demo().withHost("nat", host -> host.withNftRuleset(MASQUERADE_ONLY));
    }

    @BeforeAll
    static void ourGatewayIsTheOutsidePptpServer(Lab lab) {
        outsideServer =
                GatewayProcess.start(lab.namespace("node"), files, "office", "clientPool: {cidr: 10.250.0.0/24}");
    }

    @AfterAll
    static void stop() {
        if (outsideServer != null) {
            outsideServer.close();
        }
    }

    @Test
    void withTheHelperTwoClientsBehindOneNatHoldTunnelsAtOnceAndBothPassTraffic(Lab lab) throws IOException {
        Namespace nat = lab.namespace("nat");
        try (NodeProgrammer router = programRouter(nat, true)) {
            Path password = GatewayProcess.passwordFile(files);
            String server = lab.address("node", "wan1");
            try (LabProcess first = Probe.startHolding(lab.namespace("client"), password, server, "ppp0");
                    LabProcess second = Probe.startHolding(lab.namespace("client2"), password, server, "ppp0")) {
                Probe.awaitLink(first);
                Probe.awaitLink(second);

                for (String client : List.of("client", "client2")) {
                    ExecResult ping =
                            lab.namespace(client).exec("ping", "-c", "3", "-i", "0.3", "-W", "3", "10.250.0.1");
                    assertThat(ping.exitCode())
                            .as("%s through its tunnel while both are up: %s\n%s", client, ping.stdout(), outsideServer)
                            .isZero();
                }
                assertThat(first.isAlive()).isTrue();
                assertThat(second.isAlive()).isTrue();
                // The helper gave each call its own GRE mapping through the one public address.
                List<String> gre = conntrack(nat, "gre");
                assertThat(gre)
                        .as("conntrack -L -p gre on the router")
                        .hasSize(2)
                        .allMatch(entry -> entry.contains("[ASSURED]"))
                        .anyMatch(entry -> entry.contains("src=" + lab.address("client", "eth0") + " "))
                        .anyMatch(entry -> entry.contains("src=" + lab.address("client2", "eth0") + " "));
                assertThat(conntrack(nat, "tcp"))
                        .filteredOn(entry -> entry.contains("dport=1723"))
                        .hasSize(2)
                        .allMatch(entry -> entry.contains("helper=pptp"));
            }
        }
    }

    @Test
    void withoutTheHelperNeitherClientGetsATunnel(Lab lab) throws IOException {
        Namespace nat = lab.namespace("nat");
        try (NodeProgrammer router = programRouter(nat, false)) {
            assertThat(nat.exec("nft", "list", "ruleset").orThrow().stdout()).doesNotContain("helper");
            Path password = GatewayProcess.passwordFile(files);
            String server = lab.address("node", "wan1");
            try (LabProcess first = Probe.start(lab.namespace("client"), password, server, GIVE_UP);
                    LabProcess second = Probe.start(lab.namespace("client2"), password, server, GIVE_UP)) {
                for (LabProcess probe : List.of(first, second)) {
                    ExecResult result = Probe.finish(probe);
                    // The control connection works; the server's GRE comes back to the public address keyed by
                    // the client's Call ID, which nothing maps back to a LAN host without the helper.
                    assertThat(result.exitCode()).as(Probe.describe(result)).isEqualTo(1);
                    assertThat(result.stdout()).contains("FAILED: no link within " + GIVE_UP + " s");
                }
            }
            assertThat(conntrack(nat, "gre"))
                    .as("the server's GRE reached the router and went no further")
                    .anyMatch(entry -> entry.startsWith("gre")
                            && entry.contains(
                                    "src=" + lab.address("node", "wan1") + " dst=" + lab.address("nat", "wan"))
                            && entry.contains("[UNREPLIED]"));
        }
    }

    private static NodeProgrammer programRouter(Namespace nat, boolean conntrackHelper) throws IOException {
        nat.exec("conntrack", "-F").orThrow();
        Path config = Files.writeString(
                files.resolve("home.yaml"),
                GatewayProcess.yaml(
                        "home",
                        "clientPool: {cidr: 10.251.0.0/24}\nmasquerade: {enabled: false}\n"
                                + "passthrough: {conntrackHelper: " + conntrackHelper + "}\n"));
        GatewayConfig home = GatewayConfigLoader.load(config);
        NodeProgrammer programmer =
                NodeProgrammer.create(home, ProcessCommandRunner.inNamespace(nat.name()), NodeProgrammingObserver.NONE);
        programmer.start();
        return programmer;
    }

    private static List<String> conntrack(Namespace namespace, String protocol) {
        return namespace
                .exec("conntrack", "-L", "-p", protocol)
                .orThrow()
                .stdout()
                .lines()
                .toList();
    }
}
