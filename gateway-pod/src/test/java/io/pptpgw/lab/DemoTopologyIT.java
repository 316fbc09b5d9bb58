package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo topology carries real traffic along the paths its javadoc promises. The internet does not route the
 * node's LAN, so tests that reach {@code inside} directly add the two transit routes ({@link #routedDemo()}).
 */
@LabTopology("routedDemo")
class DemoTopologyIT {
    static Topology routedDemo() {
        return Topologies.demo()
                .withRoute("nat", Route.to("10.0.0.0/24", "192.0.2.1"))
                .withRoute("isp1", Route.to("10.0.0.0/24", "203.0.113.2"));
    }

    @Test
    void clientPingsInsideAcrossNatIsp1AndNode(Lab lab) {
        ExecResult ping = lab.namespace("client").exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "10.0.0.5");

        assertThat(ping.succeeded()).as("%s", ping).isTrue();
        // The reply leaves inside with TTL 64 and three routers decrement it: node, isp1, nat. The bridges do not.
        assertThat(ping.stdout()).as("%s", ping).contains("3 received").contains("ttl=61");
    }

    @Test
    void forwardedPacketsCrossTheNodesForwardHook(Lab lab) {
        Namespace node = lab.namespace("node");
        node.command("nft", "-f", "-").withInput("""
                        table ip path_probe {
                        	chain forward {
                        		type filter hook forward priority filter; policy accept;
                        		ip saddr 192.0.2.100 ip daddr 10.0.0.5 icmp type echo-request counter
                        		ip saddr 10.0.0.5 ip daddr 192.0.2.100 icmp type echo-reply counter
                        	}
                        }
                        """).run().orThrow();

        lab.namespace("client")
                .exec("ping", "-c", "4", "-i", "0.2", "-W", "2", "10.0.0.5")
                .orThrow();

        String rules =
                node.exec("nft", "list", "table", "ip", "path_probe").orThrow().stdout();
        // Masqueraded by nat (192.168.1.2 became 192.0.2.100) and forwarded by the node, both ways.
        assertThat(counterPackets(rules, "echo-request")).as(rules).isEqualTo(4);
        assertThat(counterPackets(rules, "echo-reply")).as(rules).isEqualTo(4);
    }

    @Test
    void tcpTransferFromClientToInsideIsByteIdentical(Lab lab) {
        long bytes = 8L << 20;
        try (LabProcess sink = lab.namespace("inside").startJava(TcpSink.class, "5001")) {
            sink.awaitOutput("LISTENING", Duration.ofSeconds(30));

            ExecResult sent = lab.namespace("client")
                    .java(TcpSource.class, "10.0.0.5", "5001", Long.toString(bytes), "42")
                    .withTimeout(Duration.ofSeconds(60))
                    .run()
                    .orThrow();
            ExecResult received = sink.waitFor(Duration.ofSeconds(30)).orThrow();

            String digest = sent.stdout().strip().split(" ")[2];
            assertThat(received.stdout()).contains("RECEIVED " + bytes + " " + digest + " FROM 192.0.2.100");
        }
    }

    @Test
    @LabTopology("demo")
    void clientArrivingViaIsp2IsAnsweredOnlyWhenTheNodeSendsRepliesBackByWan2(Lab lab) {
        Namespace client = lab.namespace("client");
        String wan2 = lab.address("node", "wan2");

        // The node's main default route points at isp1, which drops a source address of isp2's (rp_filter, BCP 38).
        assertThat(client.exec("ping", "-c", "2", "-i", "0.2", "-W", "1", wan2).succeeded())
                .as("reply to a client that came via isp2 must not get through isp1")
                .isFalse();

        Namespace node = lab.namespace("node");
        node.exec("ip", "route", "add", "default", "via", lab.address("isp2", "node"), "table", "102")
                .orThrow();
        node.exec("ip", "rule", "add", "from", wan2, "table", "102").orThrow();

        ExecResult ping = client.exec("ping", "-c", "2", "-i", "0.2", "-W", "2", wan2);
        assertThat(ping.succeeded()).as("%s", ping).isTrue();
    }

    @Test
    @LabTopology("demo")
    void twoClientsReachTheNodeFromTheNatsOnePublicAddress(Lab lab) {
        Namespace node = lab.namespace("node");
        node.command("nft", "-f", "-").withInput("""
                        table ip source_probe {
                        	chain input {
                        		type filter hook input priority filter; policy accept;
                        		ip saddr 192.0.2.100 icmp type echo-request counter
                        		ip saddr 192.168.1.0/24 counter
                        	}
                        }
                        """).run().orThrow();

        String wan1 = lab.address("node", "wan1");
        lab.namespace("client").exec("ping", "-c", "1", "-W", "2", wan1).orThrow();
        lab.namespace("client2").exec("ping", "-c", "1", "-W", "2", wan1).orThrow();

        String rules = node.exec("nft", "list", "table", "ip", "source_probe")
                .orThrow()
                .stdout();
        assertThat(rules).as(rules).contains("ip saddr 192.0.2.100 icmp type echo-request counter packets 2 ");
        assertThat(rules).as(rules).contains("ip saddr 192.168.1.0/24 counter packets 0 ");
    }

    private static int counterPackets(String rules, String icmpType) {
        Matcher matcher = Pattern.compile("icmp type " + icmpType + " counter packets (\\d+)")
                .matcher(rules);
        assertThat(matcher.find()).as(rules).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
