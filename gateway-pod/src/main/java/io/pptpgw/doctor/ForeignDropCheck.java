package io.pptpgw.doctor;

import io.pptpgw.doctor.ChainWalk.Outcome;
import io.pptpgw.doctor.ChainWalk.Probe;
import io.pptpgw.doctor.ChainWalk.Verdict;
import io.pptpgw.doctor.NftRuleset.ChainInfo;
import io.pptpgw.node.GatewayRuleset;
import java.util.ArrayList;
import java.util.List;

/**
 * Other tables whose base chains would drop the control connection or the GRE. In nftables every base chain on a
 * hook sees the packet and any of them may drop it; an accept in our table does not override a drop elsewhere. So
 * each foreign base chain of the ip and inet families is walked for a new TCP connection to the listen port (1723
 * when forwarded) and for new GRE.
 */
public final class ForeignDropCheck implements Check {
    @Override
    public String id() {
        return "foreign-drops";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        NftRuleset ruleset = NftRuleset.parse(context.nft().listRulesetJson());
        String ours = GatewayRuleset.tableName(context.config().name());
        List<Outcome> drops = new ArrayList<>();
        List<Outcome> maybe = new ArrayList<>();
        int checked = 0;
        for (ChainInfo chain : ruleset.chains()) {
            boolean foreign = !(chain.family().equals("inet") && chain.table().equals(ours))
                    && !chain.table().startsWith("pptpgw_doctor");
            if (chain.hook().isEmpty()
                    || !foreign
                    || !(chain.family().equals("ip") || chain.family().equals("inet"))) {
                continue;
            }
            checked++;
            for (Probe probe :
                    probes(chain.hook().get(), context.config().listen().port().number())) {
                Outcome outcome = ChainWalk.walk(ruleset, chain, probe);
                if (outcome.verdict() == Verdict.DROPS) {
                    drops.add(outcome);
                } else if (outcome.verdict() == Verdict.MAY_DROP) {
                    maybe.add(outcome);
                }
            }
        }
        if (!drops.isEmpty()) {
            return CheckResult.fail(id(), join(drops), hint());
        }
        if (!maybe.isEmpty()) {
            return CheckResult.warn(id(), join(maybe), hint());
        }
        return CheckResult.pass(id(), "no other table drops TCP 1723 or GRE (" + checked + " foreign base chains)");
    }

    /** What passes each hook: the control connection comes in (and is forwarded); GRE goes every way. */
    private static List<Probe> probes(String hook, int listenPort) {
        return switch (hook) {
            case "prerouting", "input" -> List.of(Probe.tcp(listenPort), Probe.GRE);
            case "forward" ->
                listenPort == 1723
                        ? List.of(Probe.tcp(1723), Probe.GRE)
                        : List.of(Probe.tcp(listenPort), Probe.tcp(1723), Probe.GRE);
            case "output", "postrouting" -> List.of(Probe.GRE);
            default -> List.of();
        };
    }

    private static String join(List<Outcome> outcomes) {
        return String.join(
                "; ", outcomes.stream().map(Outcome::where).distinct().toList());
    }

    private static String hint() {
        return "in nftables an accept in our table does not override a drop in another table: accept TCP 1723 and"
                + " GRE in that chain before its drop, e.g. nft insert rule <family> <table> <chain> ip protocol gre"
                + " accept (and tcp dport 1723 accept)";
    }
}
