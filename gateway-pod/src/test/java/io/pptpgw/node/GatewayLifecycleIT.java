package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.LabTopology;
import io.pptpgw.lab.Namespace;
import io.pptpgw.metrics.GatewayMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway process keeps the node programmed while it runs and leaves nothing of its own when it stops: drift
 * repair after {@code nft flush ruleset}, and a clean node after SIGTERM, in the demo lab's {@code node}.
 */
@LabTopology(value = "demo", shared = true)
class GatewayLifecycleIT {
    private static final String TABLE = "pptpgw_lab";
    private static final String DRIFT_REPAIRS = GatewayMetrics.NFTABLES_DRIFT_REPAIRS;
    /** Issue 5: the rules are back within 10 s (the programmer checks every 5 s). */
    private static final Duration REPAIR = Duration.ofSeconds(10);

    @TempDir
    static Path files;

    @Test
    void afterNftFlushRulesetTheRulesAreBackWithinTenSecondsAndOneRepairIsCounted(Lab lab) {
        Namespace node = lab.namespace("node");
        try (GatewayProcess gateway = GatewayProcess.start(node, files, "lab", NodeTrafficIT.SPEC)) {
            String programmed = listTable(node).stdout();
            String rules = ourRules(node);
            assertThat(gateway.metric(DRIFT_REPAIRS)).isZero();

            node.exec("nft", "flush", "ruleset").orThrow();

            await().atMost(REPAIR)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            node.exec("nft", "list", "table", "inet", TABLE).succeeded()
                                    && gateway.metric(DRIFT_REPAIRS) > 0);
            assertThat(listTable(node).stdout()).isEqualTo(programmed);
            assertThat(ourRules(node)).isEqualTo(rules);
            assertThat(gateway.metric(DRIFT_REPAIRS)).isEqualTo(1);
            assertThat(gateway.output())
                    .contains("repaired drift of inet " + TABLE + " (repair 1 since start): table inet " + TABLE
                            + " is missing");
        }
    }

    @Test
    void afterSigtermNothingOfOursIsLeftWhileAForeignTableSurvives(Lab lab) {
        Namespace node = lab.namespace("node");
        node.command("nft", "-f", "-")
                .withInput("table ip firewall {\n\tchain input {\n\t\ttype filter hook input priority filter;"
                        + " policy accept;\n\t\ttcp dport 22 accept\n\t}\n}\n")
                .run()
                .orThrow();
        try (GatewayProcess gateway = GatewayProcess.start(node, files, "lab", NodeTrafficIT.SPEC);
                LabProcess session = Probe.start(
                        lab.namespace("client"),
                        GatewayProcess.passwordFile(files),
                        lab.address("node", "wan1"),
                        "--hold")) {
            Probe.awaitLink(session);
            assertThat(node.exec("nft", "list", "tables").orThrow().stdout()).contains("table inet " + TABLE);
            assertThat(ourRules(node)).contains("fwmark 0x101 lookup 101", "table 101: default via 203.0.113.1");

            ExecResult stopped = gateway.terminate(Duration.ofSeconds(30));

            assertThat(stopped.stdout() + stopped.stderr()).contains("gateway lab stopped");
            // The live session was ended by the gateway, and our client noticed.
            ExecResult client = Probe.finish(session);
            assertThat(client.stdout()).as(Probe.describe(client)).contains("hung up");
            assertThat(node.exec("nft", "list", "ruleset").orThrow().stdout())
                    .doesNotContain("pptpgw")
                    .contains("table ip firewall", "tcp dport 22 accept");
            assertThat(ourRules(node)).isEmpty();
            assertThat(node.exec("ip", "rule").orThrow().stdout()).doesNotContain("17230");
        } finally {
            node.exec("nft", "delete", "table", "ip", "firewall").orThrow();
        }
    }

    private static ExecResult listTable(Namespace node) {
        return node.exec("nft", "list", "table", "inet", TABLE).orThrow();
    }

    /** Our ip rules (priority 17230, proto 172) and the routes in the WANs' tables, one per line. */
    static String ourRules(Namespace node) {
        StringBuilder ours = new StringBuilder();
        node.exec("ip", "rule")
                .orThrow()
                .stdout()
                .lines()
                .filter(line -> line.startsWith("17230:") || line.contains("proto 172"))
                .forEach(line -> ours.append(line).append('\n'));
        for (String table : List.of("101", "102")) {
            node.exec("ip", "route", "show", "table", table)
                    .orThrow()
                    .stdout()
                    .lines()
                    .forEach(route -> ours.append("table ")
                            .append(table)
                            .append(": ")
                            .append(route)
                            .append('\n'));
        }
        return ours.toString();
    }
}
