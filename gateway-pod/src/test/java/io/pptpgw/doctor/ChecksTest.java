package io.pptpgw.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.doctor.CheckResult.Status;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.RecordingCommandRunner;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.RecordingNft;
import io.pptpgw.node.GatewayRuleset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check against recorded tool output: the cause it names and the status it gives. */
class ChecksTest {
    private final RecordingNft nft = new RecordingNft();
    private final RecordingCommandRunner node = new RecordingCommandRunner();
    private final DoctorContext context = Fixtures.context(nft, node);

    @Test
    void forwardingOffFails() {
        node.answer(List.of("cat", "/proc/sys/net/ipv4/ip_forward"), "0\n");

        CheckResult result = new IpForwardingCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message()).startsWith("net.ipv4.ip_forward is 0: the node will not route");
    }

    @Test
    void forwardingOnPasses() {
        node.answer(List.of("cat", "/proc/sys/net/ipv4/ip_forward"), "1\n");

        assertThat(new IpForwardingCheck().run(context).status()).isEqualTo(Status.PASS);
    }

    @Test
    void noGreConntrackFails() {
        node.fail(List.of("cat"), 1, "cat: /proc/sys/net/netfilter/nf_conntrack_gre_timeout: No such file\n");

        assertThat(new GreConntrackCheck().run(context).message())
                .startsWith("the kernel does not track GRE connections (no net.netfilter.nf_conntrack_gre_timeout)");
    }

    @Test
    void thePptpHelperIsProbedWithCheckOnly() {
        assertThat(new PptpHelperCheck().run(context).status()).isEqualTo(Status.PASS);
        assertThat(nft.calls()).singleElement().satisfies(call -> {
            assertThat(call.argv()).containsExactly("nft", "--check", "-f", "-");
            assertThat(call.stdin()).contains("ct helper pptp {\n\t\ttype \"pptp\" protocol tcp\n");
        });

        nft.failNextCall(new NftException(
                List.of("nft", "--check", "-f", "-"),
                1,
                "Error: Could not process rule: No such file or directory",
                null));
        CheckResult missing = new PptpHelperCheck().run(context);
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.hint()).contains("modprobe nf_conntrack_pptp");
    }

    @Test
    void ourTableMissingFails() {
        CheckResult result = new GatewayTableCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message()).isEqualTo("table inet pptpgw_office is missing");
    }

    @Test
    void ourTableAsDesiredPassesAndTheTwinIsRemoved() {
        nft.apply(NftScript.replace(GatewayRuleset.build(Fixtures.OFFICE), nft.features()));
        nft.setRulesetJson(Fixtures.read("office-table.json"));

        CheckResult result = new GatewayTableCheck().run(context);

        assertThat(result.status()).as(result.message()).isEqualTo(Status.PASS);
        assertThat(nft.tables()).containsOnlyKeys("inet pptpgw_office");
    }

    @Test
    void anAlteredHookIsNamed() {
        nft.apply(NftScript.replace(GatewayRuleset.build(Fixtures.OFFICE), nft.features()));
        nft.setRulesetJson(Fixtures.read("office-table.json").replace("\"prio\": -150", "\"prio\": 0"));

        assertThat(new GatewayTableCheck().run(context).message())
                .contains(
                        "chain prerouting-wan-mark should be filter hook prerouting priority -150 policy accept but is"
                                + " filter hook prerouting priority 0 policy accept");
    }

    @Test
    void mssClampingPresentInBothDirections() {
        nft.setRulesetJson(Fixtures.read("office-table.json"));

        assertThat(new MssClampingCheck().run(context).status()).isEqualTo(Status.PASS);
    }

    @Test
    void mssClampingMissingFails() {
        nft.setRulesetJson(Fixtures.read("office-table.json").replace("\"oifname\"", "\"iifname\""));

        CheckResult result = new MssClampingCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message()).startsWith("no MSS clamping of TCP SYNs into the tunnel (oifname pptp-office)");
    }

    @Test
    void mssClampingOffByConfigurationPasses() {
        var off = GatewayConfigLoader.load(java.nio.file.Path.of("src/test/resources/golden/config/mss-off.yaml"));

        assertThat(new MssClampingCheck()
                        .run(new DoctorContext(off, node, nft, List.of()))
                        .message())
                .isEqualTo("off by configuration (spec.mssClamping.mode: Off)");
    }

    private static final String TCP_ENTRY = "tcp      6 431985 ESTABLISHED src=192.0.2.7 dst=203.0.113.2 sport=50000"
            + " dport=1723 src=203.0.113.2 dst=192.0.2.7 sport=1723 dport=50000 [ASSURED] mark=257 use=1\n";

    @Test
    void greOnlyToTheLivePeerFails() {
        node.answer(List.of("conntrack", "-L", "-p", "tcp"), TCP_ENTRY);
        node.answer(
                List.of("conntrack", "-L", "-p", "gre"),
                "gre      47 29 src=203.0.113.2 dst=192.0.2.7 srckey=0x0"
                        + " dstkey=0x0 [UNREPLIED] src=192.0.2.7 dst=203.0.113.2 srckey=0x0 dstkey=0x0 mark=257 use=1\n");

        CheckResult result = new ConntrackSessionsCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message())
                .startsWith("GRE with 192.0.2.7 (to it, none from it) flows one way only while the control"
                        + " connection is up");
    }

    @Test
    void greOnlyFromTheLivePeerFails() {
        node.answer(List.of("conntrack", "-L", "-p", "tcp"), TCP_ENTRY);
        node.answer(
                List.of("conntrack", "-L", "-p", "gre"),
                "gre      47 29 src=192.0.2.7 dst=203.0.113.2 srckey=0x0 dstkey=0xe52d [UNREPLIED] src=203.0.113.2"
                        + " dst=192.0.2.7 srckey=0xe52d dstkey=0x0 mark=257 use=1\n");

        assertThat(new ConntrackSessionsCheck().run(context).message())
                .startsWith("GRE with 192.0.2.7 (from it, none to it) flows one way only");
    }

    @Test
    void answeredGrePasses() {
        node.answer(List.of("conntrack", "-L", "-p", "tcp"), TCP_ENTRY);
        node.answer(
                List.of("conntrack", "-L", "-p", "gre"),
                "gre      47 179 src=192.0.2.7 dst=203.0.113.2 srckey=0x0"
                        + " dstkey=0x0 src=203.0.113.2 dst=192.0.2.7 srckey=0x0 dstkey=0x0 [ASSURED] mark=257 use=1\n");

        assertThat(new ConntrackSessionsCheck().run(context).message())
                .isEqualTo("1 live peers have TCP 1723 and GRE both ways");
    }

    @Test
    void aSessionTerminatedHereWithGreBothWaysPasses() {
        // What the kernel lists for a working session of ours: two unreplied entries, each keyed by the other
        // side's Call ID, since no helper pairs the directions of a locally terminated call.
        node.answer(List.of("conntrack", "-L", "-p", "tcp"), TCP_ENTRY);
        node.answer(
                List.of("conntrack", "-L", "-p", "gre"),
                "gre      47 28 src=192.0.2.7 dst=203.0.113.2 srckey=0x0 dstkey=0x711b [UNREPLIED] src=203.0.113.2"
                        + " dst=192.0.2.7 srckey=0x711b dstkey=0x0 mark=257 use=1\n"
                        + "gre      47 28 src=203.0.113.2 dst=192.0.2.7 srckey=0x0 dstkey=0x1405 [UNREPLIED]"
                        + " src=192.0.2.7 dst=203.0.113.2 srckey=0x1405 dstkey=0x0 mark=257 use=1\n");

        CheckResult result = new ConntrackSessionsCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.message()).isEqualTo("1 live peers have TCP 1723 and GRE both ways");
    }

    @Test
    void aNamedPeerWithoutEntriesWarns() {
        CheckResult result =
                new ConntrackSessionsCheck().run(context.withLivePeers(List.of(Ipv4Address.parse("192.0.2.9"))));

        assertThat(result.status()).isEqualTo(Status.WARN);
        assertThat(result.message()).isEqualTo("no complete conntrack entries for 192.0.2.9 (no TCP 1723 entry)");
    }

    @Test
    void noSessionsNothingToCheck() {
        assertThat(new ConntrackSessionsCheck().run(context).message()).isEqualTo("no live PPTP sessions to check");
    }

    private void links(int tunMtu, int wanMtu) {
        node.answer(
                List.of("ip", "-j", "link", "show", "dev", "pptp-office"),
                "[{\"ifname\":\"pptp-office\",\"mtu\":" + tunMtu + "}]");
        for (String wan : List.of("eth1", "eth2")) {
            node.answer(
                    List.of("ip", "-j", "link", "show", "dev", wan),
                    "[{\"ifname\":\"" + wan + "\",\"mtu\":" + wanMtu + "}]");
        }
    }

    @Test
    void aTunnelMtuThatDoesNotFitTheWanFails() {
        links(1400, 1400);

        CheckResult result = new TunnelMtuCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message())
                .startsWith("tunnel MTU 1400 + 42 bytes of PPTP encapsulation = 1442 exceeds eth1 MTU" + " 1400; ");
    }

    @Test
    void aTunnelMtuThatFitsPasses() {
        links(1400, 1500);

        assertThat(new TunnelMtuCheck().run(context).message())
                .isEqualTo("pptp-office MTU 1400 + 42 fits the uplinks [eth1, eth2]");
    }

    @Test
    void aMissingTunnelWarns() {
        node.answer(List.of("ip", "-j", "link", "show", "dev", "eth1"), "[{\"mtu\":1500}]");
        node.fail(
                List.of("ip", "-j", "link", "show", "dev", "pptp-office"), 1, "Device \"pptp-office\" does not exist.");

        CheckResult result = new TunnelMtuCheck().run(context);

        assertThat(result.status()).isEqualTo(Status.WARN);
        assertThat(result.message()).startsWith("tunnel interface pptp-office does not exist");
    }
}
