package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.LabTopology;
import io.pptpgw.lab.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pptpgw doctor --config ... --json} as a process in the node namespace, beside a running gateway with a
 * live session from our client, then with the node broken one way at a time. The gateway is frozen (SIGSTOP) while
 * the node is broken, or its drift repair would mend the node before the doctor looks.
 */
@LabTopology(value = "demo", shared = true)
class DoctorOnALiveNodeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;

    private static GatewayProcess gateway;

    @BeforeAll
    static void gatewayOnTheNode(Lab lab) {
        gateway = GatewayProcess.start(lab.namespace("node"), files, "lab", NodeTrafficIT.SPEC);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aGoodNodeWithALiveSessionPassesEveryCheck(Lab lab) {
        try (LabProcess session = Probe.start(
                lab.namespace("client"),
                GatewayProcess.passwordFile(files),
                lab.address("node", "wan1"),
                "--ping",
                "10.250.0.1",
                "--hold")) {
            Probe.awaitLink(session);
            session.awaitOutput("3/3 pings answered", Duration.ofSeconds(30));

            Doctor report = doctor(lab.namespace("node"));

            assertThat(report.exitCode()).as("%s", report).isZero();
            assertThat(report.ok()).isTrue();
            assertThat(report.statuses())
                    .as("%s", report)
                    .allSatisfy((check, status) -> assertThat(status).as(check).isEqualTo("pass"));
            assertThat(report.message("conntrack-sessions")).isEqualTo("1 live peers have TCP 1723 and GRE both ways");
            assertThat(report.message("gateway-table")).startsWith("table inet pptpgw_lab is present and current");
        }
    }

    @Test
    void aForeignTableDroppingGreFailsNamingTheTableAndChain(Lab lab) {
        Namespace node = lab.namespace("node");
        whileTheGatewayIsFrozen(node, () -> {
            node.command("nft", "-f", "-")
                    .withInput("table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter;"
                            + " policy accept;\n\t\tip protocol gre drop\n\t}\n}\n")
                    .run()
                    .orThrow();
            try {
                Doctor report = doctor(node);

                assertThat(report.exitCode()).as("%s", report).isEqualTo(1);
                assertThat(report.status("foreign-drops")).isEqualTo("fail");
                assertThat(report.message("foreign-drops"))
                        .startsWith("table ip filter, chain INPUT (hook input, priority 0, policy accept), rule handle")
                        .endsWith(" drops GRE");
            } finally {
                node.exec("nft", "delete", "table", "ip", "filter").orThrow();
            }
        });
    }

    @Test
    void forwardingOffFails(Lab lab) {
        Namespace node = lab.namespace("node");
        whileTheGatewayIsFrozen(node, () -> {
            node.command("tee", "/proc/sys/net/ipv4/ip_forward")
                    .withInput("0\n")
                    .run()
                    .orThrow();

            Doctor report = doctor(node);

            assertThat(report.exitCode()).as("%s", report).isEqualTo(1);
            assertThat(report.status("ip-forwarding")).isEqualTo("fail");
            assertThat(report.message("ip-forwarding")).startsWith("net.ipv4.ip_forward is 0");
        });
    }

    @Test
    void anAlteredTableFailsNamingTheDifferenceAndTheGatewayRepairsIt(Lab lab) {
        Namespace node = lab.namespace("node");
        whileTheGatewayIsFrozen(node, () -> {
            node.exec("nft", "flush", "chain", "inet", "pptpgw_lab", "postrouting-masquerade")
                    .orThrow();

            Doctor report = doctor(node);

            assertThat(report.exitCode()).as("%s", report).isEqualTo(1);
            assertThat(report.status("gateway-table")).isEqualTo("fail");
            assertThat(report.message("gateway-table"))
                    .startsWith("table inet pptpgw_lab differs from the desired ruleset: expected")
                    .contains("masquerade");
        });
    }

    /**
     * Freezes the gateway, breaks and examines the node, then lets the gateway go and waits until the doctor passes
     * again: whatever the test broke of ours, the gateway repairs; what it does not own the test must restore.
     */
    private static void whileTheGatewayIsFrozen(Namespace node, Runnable test) {
        gateway.pause();
        try {
            test.run();
        } finally {
            node.command("tee", "/proc/sys/net/ipv4/ip_forward")
                    .withInput("1\n")
                    .run()
                    .orThrow();
            gateway.resume();
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(doctor(node).exitCode()).isZero());
    }

    private static Doctor doctor(Namespace node) {
        ExecResult run = node.java(
                        PptpgwCommand.class,
                        "doctor",
                        "--config",
                        gateway.config().toString(),
                        "--json")
                .withTimeout(Duration.ofSeconds(90))
                .run();
        // Lab processes log with the test classpath's logback-test.xml, to stdout: the report starts at its "{".
        int report = run.stdout().indexOf("\n{");
        String json = run.stdout().startsWith("{") ? run.stdout() : run.stdout().substring(Math.max(0, report + 1));
        try {
            return new Doctor(run.exitCode(), JSON.readTree(json), run.stdout() + run.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException("doctor printed no JSON: " + run.stdout() + run.stderr(), e);
        }
    }

    /** The doctor's exit code and its JSON report. */
    private record Doctor(int exitCode, JsonNode report, String output) {
        boolean ok() {
            return report.get("ok").asBoolean();
        }

        Map<String, String> statuses() {
            Map<String, String> statuses = new LinkedHashMap<>();
            report.get("checks")
                    .forEach(c -> statuses.put(
                            c.get("check").asText(), c.get("status").asText()));
            return statuses;
        }

        String status(String check) {
            return find(check).get("status").asText();
        }

        String message(String check) {
            return find(check).get("message").asText();
        }

        private JsonNode find(String check) {
            for (JsonNode c : report.get("checks")) {
                if (c.get("check").asText().equals(check)) {
                    return c;
                }
            }
            throw new AssertionError("no check " + check + " in " + report.toPrettyString());
        }

        @Override
        public String toString() {
            return "doctor exited " + exitCode + "\n" + output;
        }
    }
}
