package io.pptpgw.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.doctor.CheckResult.Status;
import org.junit.jupiter.api.Test;

/** Real foreign firewalls (saved from nft -j, see resources/doctor/rulesets/README.md) and what the check says. */
class ForeignDropCheckTest {
    private static CheckResult check(String ruleset) {
        return new ForeignDropCheck().run(Fixtures.withRuleset(Fixtures.read("rulesets/" + ruleset + ".json")));
    }

    @Test
    void aRuleDroppingGreFailsNamingTableChainAndRule() {
        CheckResult result = check("drop-gre");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message())
                .isEqualTo(
                        "table ip filter, chain INPUT (hook input, priority 0, policy accept), rule handle 2 drops GRE");
        assertThat(result.hint())
                .isEqualTo("in nftables an accept in our table does not override a drop in another table; let PPTP"
                        + " through there first: nft insert rule ip filter INPUT ip protocol gre accept");
    }

    @Test
    void aDropPolicyWithoutAcceptsForPptpFailsForTcpAndGre() {
        assertThat(check("policy-drop").message())
                .isEqualTo("table inet filter, chain input (hook input, priority 0, policy drop): policy drop, and no"
                        + " rule accepts TCP 1723; table inet filter, chain input (hook input, priority 0, policy"
                        + " drop): policy drop, and no rule accepts GRE");
        assertThat(check("policy-drop").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aDropPolicyThatAcceptsTcp1723AndGrePasses() {
        CheckResult result = check("policy-drop-allows-pptp");

        assertThat(result.status()).as(result.message()).isEqualTo(Status.PASS);
        assertThat(result.message()).isEqualTo("no other table drops TCP 1723 or GRE (3 foreign base chains)");
    }

    @Test
    void dropsOfOtherTrafficAreNotAboutPptp() {
        assertThat(check("blocklist").status()).isEqualTo(Status.PASS);
    }

    @Test
    void aConditionalDropOfTheControlPortWarns() {
        CheckResult result = check("conditional-1723-drop");

        assertThat(result.status()).isEqualTo(Status.WARN);
        assertThat(result.message())
                .isEqualTo("table inet guard, chain input (hook input, priority 0, policy accept), rule handle 2 drops"
                        + " TCP 1723 under conditions the doctor cannot evaluate");
    }

    @Test
    void aDropBehindAJumpIsFound() {
        assertThat(check("jump-to-drop").message()).isEqualTo("table inet fw, chain deny-gre, rule handle 4 drops GRE");
    }

    @Test
    void aZoneFirewallThatOpensTcp1723ButNotGreFailsOnGreOnly() {
        CheckResult result = check("zones-allow-tcp-only");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message())
                .isEqualTo("table inet zones, chain input (hook input, priority 10, policy accept), rule handle 7 drops"
                        + " GRE");
    }

    @Test
    void anOutputPolicyDropStopsTheGatewaysOwnGre() {
        assertThat(check("output-policy-drop").message())
                .isEqualTo("table inet out, chain output (hook output, priority 0, policy drop): policy drop, and no"
                        + " rule accepts GRE");
    }

    @Test
    void ourOwnTableIsNotForeign() {
        CheckResult result = new ForeignDropCheck().run(Fixtures.withRuleset(Fixtures.read("office-table.json")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.message()).endsWith("(0 foreign base chains)");
    }
}
