package io.pptpgw.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.net.Cidr;
import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.NetValue;
import io.pptpgw.nft.BaseChain.Hook;
import io.pptpgw.nft.BaseChain.Priority;
import io.pptpgw.nft.BaseChain.Type;
import io.pptpgw.nft.NamedSet.ElementType;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftScriptTest {
    private static final NamedSet UPLINKS =
            new NamedSet("uplinks", ElementType.IFNAME, List.of(InterfaceName.of("eth1"), InterfaceName.of("eth2")));
    private static final Table TABLE = new Table(
            Family.INET,
            "pptpgw_test",
            List.of(
                    Chain.base(
                            "postrouting-masquerade",
                            "Pool traffic leaves with the uplink address",
                            BaseChain.of(Type.NAT, Hook.POSTROUTING, Priority.SRCNAT),
                            List.of(Rule.of(
                                    "ip saddr", Cidr.parse("10.250.0.0/24"), "oifname", UPLINKS, "masquerade"))),
                    UPLINKS));

    @Test
    void aTableRendersInNftsOwnLayoutWithSetsBeforeChains() {
        assertThat(NftScript.definition(TABLE)).isEqualTo("""
                table inet pptpgw_test {
                \tset uplinks {
                \t\ttype ifname
                \t\telements = { "eth1", "eth2" }
                \t}

                \tchain postrouting-masquerade {
                \t\tcomment "Pool traffic leaves with the uplink address"
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\tip saddr 10.250.0.0/24 oifname @uplinks masquerade
                \t}
                }
                """);
    }

    @Test
    void replacingWithoutDestroyAddsThenDeletesInTheSameTransaction() {
        assertThat(NftScript.replace(TABLE, new Nft.Features(false)))
                .startsWith("add table inet pptpgw_test\ndelete table inet pptpgw_test\ntable inet pptpgw_test {\n");
    }

    @Test
    void replacingWithDestroyUsesIt() {
        assertThat(NftScript.replace(TABLE, new Nft.Features(true)))
                .startsWith("destroy table inet pptpgw_test\ntable inet pptpgw_test {\n");
        assertThat(NftScript.remove(Family.INET, "pptpgw_test", new Nft.Features(true)))
                .isEqualTo("destroy table inet pptpgw_test\n");
    }

    @Test
    void destroyNeedsNft108AndLinux63() {
        assertThat(Nft.Features.detect("nftables v1.0.6 (Lester Gooch #5)", "6.18.44")
                        .destroy())
                .isFalse();
        assertThat(Nft.Features.detect("nftables v1.0.8 (Old Doc Yak #2)", "6.2.0-1-amd64")
                        .destroy())
                .isFalse();
        assertThat(Nft.Features.detect("nftables v1.0.8 (Old Doc Yak #2)", "6.3.0")
                        .destroy())
                .isTrue();
        assertThat(Nft.Features.detect("nftables v1.1.1 (Commodore Bullmoose #2)", "6.12.9-arch1-1")
                        .destroy())
                .isTrue();
        assertThat(Nft.Features.detect("garbage", "6.12").destroy()).isFalse();
    }

    @Test
    void priorityRendersAsTheStandardNameWhereNftAllowsIt() {
        assertThat(BaseChain.of(Type.FILTER, Hook.FORWARD, Priority.MANGLE.plus(-1))
                        .render())
                .isEqualTo("type filter hook forward priority mangle - 1; policy accept;");
        assertThat(BaseChain.of(Type.FILTER, Hook.PREROUTING, Priority.CONNTRACK.plus(1))
                        .render())
                .isEqualTo("type filter hook prerouting priority -199; policy accept;");
        assertThat(BaseChain.of(Type.NAT, Hook.OUTPUT, Priority.DSTNAT).render())
                .isEqualTo("type nat hook output priority -100; policy accept;");
    }

    @Test
    void ruleTextRefusesAnythingButPlainKeywords() {
        for (String unsafe : List.of(
                "accept; flush ruleset", "comment \"x\"", "drop # x", "accept\nflush ruleset", "jump @x", "Accept")) {
            assertThatThrownBy(() -> Rule.of(unsafe))
                    .as(unsafe)
                    .hasMessageContaining("is not a plain keyword sequence");
        }
        assertThatThrownBy(() -> Rule.of("oifname", new Object()))
                .hasMessageContaining("cannot be rendered into nft; use a validated value type");
    }

    @Test
    void valuesRenderAsNftLiterals() {
        assertThat(Rule.of(
                                "meta mark set",
                                new FwMark(257),
                                "oifname",
                                InterfaceName.of("wan.2"),
                                "ip daddr",
                                Ipv4Address.parse("192.0.2.1"),
                                "tcp dport",
                                List.of(new io.pptpgw.net.Port(1723), new io.pptpgw.net.Port(22)))
                        .text())
                .isEqualTo("meta mark set 0x00000101 oifname \"wan.2\" ip daddr 192.0.2.1 tcp dport { 1723, 22 }");
    }

    @Test
    void aRuleReferringToAnUndefinedSetIsRefused() {
        Chain chain = Chain.regular("c", "uses a set", List.of(Rule.of("oifname", UPLINKS, "accept")));

        assertThatThrownBy(() -> new Table(Family.INET, "t", List.of(chain)))
                .hasMessage(
                        "rule \"oifname @uplinks accept\" in chain c refers to uplinks, which table t does not define");
    }

    @Test
    void setsCheckTheirElementType() {
        assertThatThrownBy(() -> new NamedSet("s", ElementType.MARK, List.<NetValue>of(InterfaceName.of("eth0"))))
                .hasMessage("set s holds mark but was given InterfaceName eth0");
    }

    @Test
    void namesAndCommentsCannotBreakTheScript() {
        assertThatThrownBy(() -> new Table(Family.INET, "x { }", List.of()))
                .hasMessageContaining("table name \"x { }\" must start with a letter");
        assertThatThrownBy(() -> Chain.regular("c", "say \"hi\"", List.of()))
                .hasMessageContaining("without '\"' or '\\'");
    }

    @Test
    void theInertTwinHasTheSameObjectsButNoHooks() {
        Table twin = TABLE.inertTwin("pptpgw_doctor_1");

        assertThat(NftScript.definition(twin))
                .isEqualTo(NftScript.definition(TABLE)
                        .replace("pptpgw_test", "pptpgw_doctor_1")
                        .replace("\t\ttype nat hook postrouting priority srcnat; policy accept;\n", ""));
    }
}
