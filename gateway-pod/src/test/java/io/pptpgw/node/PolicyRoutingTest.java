package io.pptpgw.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.net.RecordingCommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact ip commands, from listings that ip would print. Real-kernel behaviour is in NodeProgrammerIT. */
class PolicyRoutingTest {
    private static final List<String> RULES = List.of("ip", "-N", "-j", "-d", "rule", "show");
    private final GatewayConfig office = GoldenConfigs.config("office");
    private final RecordingCommandRunner ip = new RecordingCommandRunner();

    @Test
    void missingRulesAndRoutesAreAdded() {
        ip.fail(List.of("ip", "-N", "-j", "route", "show"), 2, "Error: ipv4: FIB table does not exist.\n");

        new PolicyRouting(ip).apply(office.wans());

        assertThat(ip.argvs())
                .contains(
                        List.of(
                                "ip",
                                "rule",
                                "add",
                                "priority",
                                "17230",
                                "fwmark",
                                "0x101",
                                "lookup",
                                "101",
                                "protocol",
                                "172"),
                        List.of(
                                "ip",
                                "rule",
                                "add",
                                "priority",
                                "17230",
                                "fwmark",
                                "0x102",
                                "lookup",
                                "102",
                                "protocol",
                                "172"),
                        List.of(
                                "ip",
                                "route",
                                "replace",
                                "default",
                                "via",
                                "203.0.113.1",
                                "dev",
                                "eth1",
                                "table",
                                "101",
                                "proto",
                                "172"),
                        List.of(
                                "ip",
                                "route",
                                "replace",
                                "default",
                                "via",
                                "198.51.100.1",
                                "dev",
                                "eth2",
                                "table",
                                "102",
                                "proto",
                                "172"));
    }

    @Test
    void onlyRulesWithOurTagAndPriorityAreOurs() {
        ip.answer(RULES, """
                [{"priority":0,"src":"all","table":"255","protocol":"2"},
                 {"priority":17230,"src":"all","fwmark":"0x101","table":"101","protocol":"172"},
                 {"priority":17230,"src":"all","fwmark":"0x101","table":"101","protocol":"172"},
                 {"priority":17230,"src":"all","fwmark":"0x999","table":"999","protocol":"172"},
                 {"priority":17230,"src":"all","fwmark":"0x102","table":"102","protocol":"4"},
                 {"priority":100,"src":"all","fwmark":"0x102","table":"102","protocol":"172"},
                 {"priority":32766,"src":"all","table":"254","protocol":"2"}]
                """);
        ip.answer(
                List.of("ip", "-N", "-j", "route", "show", "table", "101"),
                "[{\"dst\":\"default\",\"gateway\":\"203.0.113.1\",\"dev\":\"eth1\",\"flags\":[]}]");

        PolicyRouting routing = new PolicyRouting(ip);

        assertThat(routing.ourRules())
                .extracting(Object::toString)
                .containsExactly("fwmark 0x101 lookup 101", "fwmark 0x101 lookup 101", "fwmark 0x999 lookup 999");
        assertThat(routing.differences(office.wans()))
                .containsExactly(
                        "ip rule fwmark 0x101 lookup 101 appears 2 times",
                        "ip rule fwmark 0x102 lookup 102 is missing",
                        "ip rule fwmark 0x999 lookup 999 is not ours to keep (stale)",
                        "table 102 should hold exactly default via 198.51.100.1 dev eth2 table 102 but holds []");
    }

    @Test
    void applyingRemovesDuplicatesAndStaleRulesWithTheirRoutes() {
        ip.answer(RULES, """
                [{"priority":17230,"src":"all","fwmark":"0x101","table":"101","protocol":"172"},
                 {"priority":17230,"src":"all","fwmark":"0x101","table":"101","protocol":"172"},
                 {"priority":17230,"src":"all","fwmark":"0x999","table":"999","protocol":"172"}]
                """);

        new PolicyRouting(ip).apply(office.wans());

        List<String> deleteDuplicate = List.of(
                "ip", "rule", "del", "priority", "17230", "fwmark", "0x101", "lookup", "101", "protocol", "172");
        assertThat(ip.argvs().stream().filter(deleteDuplicate::equals)).hasSize(1);
        assertThat(ip.argvs())
                .contains(
                        List.of(
                                "ip",
                                "rule",
                                "del",
                                "priority",
                                "17230",
                                "fwmark",
                                "0x999",
                                "lookup",
                                "999",
                                "protocol",
                                "172"),
                        List.of("ip", "route", "flush", "table", "999", "proto", "172"))
                .doesNotContain(List.of(
                        "ip",
                        "rule",
                        "add",
                        "priority",
                        "17230",
                        "fwmark",
                        "0x101",
                        "lookup",
                        "101",
                        "protocol",
                        "172"));
    }
}
