package io.pptpgw.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.cli.DoctorCommand;
import io.pptpgw.config.GatewayConfig;
import io.pptpgw.doctor.CheckResult.Status;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.TestNamespace;
import io.pptpgw.node.NodeProgrammer;
import io.pptpgw.node.NodeProgrammingObserver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The doctor against a real kernel: a namespace shaped like a programmed two-WAN gateway node (WAN links, the TUN,
 * our table, rules and routes), then broken one way at a time.
 */
class DoctorIT {
    private final GatewayConfig office = Fixtures.OFFICE;

    /** Runs {@code test} with a healthy node; the programmer applies once and does not repair behind the test. */
    private void onAGoodNode(Consumer<TestNamespace> test) {
        try (TestNamespace node = TestNamespace.create()) {
            node.link("eth1", "203.0.113.2/24");
            node.link("eth2", "198.51.100.2/24");
            node.run("ip", "tuntap", "add", "dev", "pptp-office", "mode", "tun");
            node.run("ip", "link", "set", "pptp-office", "mtu", "1400");
            NodeProgrammer programmer = NodeProgrammer.create(office, node.runner(), NodeProgrammingObserver.NONE);
            programmer.program();
            try {
                test.accept(node);
            } finally {
                programmer.close();
            }
        }
    }

    private Report examine(TestNamespace node) {
        return Doctor.examine(DoctorContext.of(office, node.runner()));
    }

    private static CheckResult result(Report report, String check) {
        return report.results().stream()
                .filter(r -> r.check().equals(check))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aGoodNodePassesEveryCheck() {
        onAGoodNode(node -> {
            Report report = examine(node);

            assertThat(report.results()).as(report.text()).allMatch(r -> r.status() == Status.PASS);
            assertThat(report.exitCode()).isZero();
            assertThat(node.run("nft", "list", "tables"))
                    .as("the doctor leaves no scratch table behind")
                    .isEqualTo("table inet pptpgw_office\n");
        });
    }

    @Test
    void aForeignTableDroppingGreFailsNamingIt() {
        onAGoodNode(node -> {
            node.runWithInput(
                    "table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter; policy"
                            + " accept;\n\t\tip protocol gre drop\n\t}\n}\n",
                    "nft",
                    "-f",
                    "-");

            Report report = examine(node);

            CheckResult drops = result(report, "foreign-drops");
            assertThat(drops.status()).isEqualTo(Status.FAIL);
            assertThat(drops.message())
                    .startsWith(
                            "table ip filter, chain INPUT (hook input, priority 0, policy accept)," + " rule handle ")
                    .endsWith(" drops GRE");
            assertThat(report.exitCode()).isEqualTo(1);
        });
    }

    @Test
    void forwardingOffFails() {
        onAGoodNode(node -> {
            node.runWithInput("0\n", "tee", "/proc/sys/net/ipv4/ip_forward");

            CheckResult forwarding = result(examine(node), "ip-forwarding");

            assertThat(forwarding.status()).isEqualTo(Status.FAIL);
            assertThat(forwarding.message()).startsWith("net.ipv4.ip_forward is 0");
        });
    }

    @Test
    void anAlteredTableFailsNamingTheDifference() {
        onAGoodNode(node -> {
            node.run("nft", "delete", "chain", "inet", "pptpgw_office", "forward-pptp-helper");

            Report report = examine(node);

            CheckResult table = result(report, "gateway-table");
            assertThat(table.status()).isEqualTo(Status.FAIL);
            assertThat(table.message())
                    .startsWith("table inet pptpgw_office differs from the desired ruleset: expected"
                            + " `chain forward-pptp-helper {`");
        });
    }

    @Test
    void mssClampingRemovedFails() {
        onAGoodNode(node -> {
            node.run("nft", "flush", "chain", "inet", "pptpgw_office", "forward-mss-clamp");

            assertThat(result(examine(node), "mss-clamping").status()).isEqualTo(Status.FAIL);
        });
    }

    @Test
    void aLiveSessionWhoseGreIsNeverAnsweredFails() {
        onAGoodNode(node -> {
            // The entries a client behind a helper-less NAT leaves: the control connection up, its GRE unanswered.
            node.run(
                    "conntrack",
                    "-I",
                    "-p",
                    "tcp",
                    "-s",
                    "192.0.2.7",
                    "-d",
                    "203.0.113.2",
                    "--sport",
                    "50000",
                    "--dport",
                    "1723",
                    "--state",
                    "ESTABLISHED",
                    "-t",
                    "120",
                    "-u",
                    "SEEN_REPLY,ASSURED");
            node.run(
                    "conntrack",
                    "-I",
                    "-p",
                    "gre",
                    "-s",
                    "192.0.2.7",
                    "-d",
                    "203.0.113.2",
                    "--srckey",
                    "0",
                    "--dstkey",
                    "0",
                    "-t",
                    "60");

            Report report = Doctor.examine(
                    DoctorContext.of(office, node.runner()).withLivePeers(List.of(Ipv4Address.parse("192.0.2.7"))));

            CheckResult sessions = result(report, "conntrack-sessions");
            assertThat(sessions.status()).isEqualTo(Status.FAIL);
            assertThat(sessions.message()).startsWith("GRE with 192.0.2.7 (from it, none to it) flows one way only");
        });
    }

    @Test
    void theCommandPrintsJsonAndExitsNonZeroOnFailure() {
        onAGoodNode(node -> {
            assertThat(doctor(node, "--json")).startsWith("0\n{").contains("\"ok\" : true");

            node.runWithInput("0\n", "tee", "/proc/sys/net/ipv4/ip_forward");

            assertThat(doctor(node))
                    .startsWith("1\npptpgw doctor: gateway office\n")
                    .contains("FAIL  ip-forwarding");
        });
    }

    private static String doctor(TestNamespace node, String... extra) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new DoctorCommand()).setOut(new PrintWriter(out));
        List<String> args =
                new java.util.ArrayList<>(List.of("--config", "../examples/office.yaml", "--netns", node.name()));
        args.addAll(List.of(extra));
        int exit = command.execute(args.toArray(String[]::new));
        return exit + "\n" + out;
    }
}
