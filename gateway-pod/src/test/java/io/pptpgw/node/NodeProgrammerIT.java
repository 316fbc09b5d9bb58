package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.net.TestNamespace;
import io.pptpgw.nft.NftScript;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The node programmer against the real kernel, each test in a namespace of its own shaped like a two-WAN node. */
class NodeProgrammerIT {
    private final GatewayConfig office = GoldenConfigs.config("office");

    private static TestNamespace twoWanNode() {
        TestNamespace node = TestNamespace.create();
        node.link("eth1", "203.0.113.2/24");
        node.link("eth2", "198.51.100.2/24");
        return node;
    }

    @Test
    void startProgramsTableRulesRoutesAndForwarding() {
        try (TestNamespace node = twoWanNode();
                NodeProgrammer programmer =
                        NodeProgrammer.create(office, node.runner(), NodeProgrammingObserver.NONE)) {
            node.runWithInput("1\n", "tee", "/proc/sys/net/ipv4/conf/all/rp_filter");

            programmer.start();

            assertThat(node.run("nft", "list", "tables")).isEqualTo("table inet pptpgw_office\n");
            assertThat(node.rulesAndRoutes(101, 102))
                    .contains(
                            "17230:\tfrom all fwmark 0x101 lookup 101 proto 172",
                            "17230:\tfrom all fwmark 0x102 lookup 102 proto 172",
                            "table 101: default via 203.0.113.1 dev eth1 proto 172",
                            "table 102: default via 198.51.100.1 dev eth2 proto 172");
            assertThat(node.run("cat", "/proc/sys/net/ipv4/ip_forward")).isEqualTo("1\n");
            assertThat(node.run("cat", "/proc/sys/net/ipv4/conf/eth2/rp_filter"))
                    .as("strict reverse-path filtering would drop clients arriving on a non-default WAN")
                    .isEqualTo("2\n");
            assertThat(programmer.inPlace()).isTrue();
            assertThat(programmer.checkForDrift()).isEmpty();
        }
    }

    @Test
    void afterSomeoneFlushesTheRulesetTheRulesAreBackWithinTenSecondsAndOneRepairIsCounted() {
        try (TestNamespace node = twoWanNode();
                NodeProgrammer programmer =
                        NodeProgrammer.create(office, node.runner(), NodeProgrammingObserver.NONE)) {
            programmer.start();
            String programmed = node.run("nft", "list", "table", "inet", "pptpgw_office");

            node.run("nft", "flush", "ruleset");

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> programmer.repairs() == 1
                            && node.runner()
                                    .run("nft", "list", "table", "inet", "pptpgw_office")
                                    .succeeded());
            assertThat(node.run("nft", "list", "table", "inet", "pptpgw_office"))
                    .isEqualTo(programmed);
            assertThat(programmer.repairs()).isEqualTo(1);
            assertThat(programmer.checkForDrift()).isEmpty();
            assertThat(programmer.repairs()).isEqualTo(1);
        }
    }

    @Test
    void deletedRulesAndRoutesAreRepairedToo() {
        try (TestNamespace node = twoWanNode();
                NodeProgrammer programmer =
                        NodeProgrammer.create(office, node.runner(), NodeProgrammingObserver.NONE)) {
            programmer.program();
            node.run("ip", "rule", "del", "priority", "17230", "fwmark", "0x102", "lookup", "102");
            node.run("ip", "route", "flush", "table", "101");

            assertThat(programmer.checkForDrift().orElseThrow().differences())
                    .containsExactly(
                            "ip rule fwmark 0x102 lookup 102 is missing",
                            "table 101 should hold exactly default via 203.0.113.1 dev eth1 table 101 but holds []");
            assertThat(node.rulesAndRoutes(101))
                    .contains(
                            "17230:\tfrom all fwmark 0x102 lookup 102 proto 172",
                            "table 101: default via 203.0.113.1 dev eth1 proto 172");
        }
    }

    @Test
    void shutdownRemovesExactlyOurTableRulesAndRoutes() {
        try (TestNamespace node = twoWanNode()) {
            node.runWithInput(
                    "table inet firewall {\n chain input {\n  type filter hook input priority 0; policy accept;\n"
                            + " }\n}\n",
                    "nft",
                    "-f",
                    "-");
            node.run("ip", "rule", "add", "priority", "100", "fwmark", "0x5", "lookup", "5");
            node.run("ip", "route", "add", "192.0.2.0/24", "via", "203.0.113.1", "table", "101");
            NodeProgrammer programmer = NodeProgrammer.create(office, node.runner(), NodeProgrammingObserver.NONE);
            programmer.start();

            programmer.close();

            assertThat(node.run("nft", "list", "tables")).isEqualTo("table inet firewall\n");
            assertThat(node.rulesAndRoutes(101, 102))
                    .noneMatch(line -> line.contains("proto 172") || line.startsWith("17230:"))
                    .contains("100:\tfrom all fwmark 0x5 lookup 5", "table 101: 192.0.2.0/24 via 203.0.113.1 dev eth1");
            assertThat(node.run("cat", "/proc/sys/net/ipv4/ip_forward")).isEqualTo("1\n");
        }
    }

    @Test
    void startReplacesWhatACrashedPredecessorLeft() {
        try (TestNamespace node = twoWanNode()) {
            String stale = NftScript.definition(GatewayRuleset.build(office))
                    .replace(
                            "\tchain prerouting-wan-mark {",
                            "\tchain left-by-an-older-version {\n\t\tcomment \"stale\"\n"
                                    + "\t}\n\n\tchain prerouting-wan-mark {");
            node.runWithInput(stale, "nft", "-f", "-");
            node.run("ip", "rule", "add", "priority", "17230", "fwmark", "0x101", "lookup", "101", "protocol", "172");
            node.run("ip", "rule", "add", "priority", "17230", "fwmark", "0x999", "lookup", "999", "protocol", "172");
            node.run("ip", "route", "add", "default", "via", "203.0.113.1", "table", "999", "proto", "172");

            try (NodeProgrammer programmer =
                    NodeProgrammer.create(office, node.runner(), NodeProgrammingObserver.NONE)) {
                programmer.start();

                assertThat(node.run("nft", "list", "table", "inet", "pptpgw_office"))
                        .doesNotContain("left-by-an-older-version");
                assertThat(node.rulesAndRoutes(101, 999).stream().filter(l -> l.contains("proto 172")))
                        .containsExactlyInAnyOrder(
                                "17230:\tfrom all fwmark 0x101 lookup 101 proto 172",
                                "17230:\tfrom all fwmark 0x102 lookup 102 proto 172",
                                "table 101: default via 203.0.113.1 dev eth1 proto 172");
            }
        }
    }
}
