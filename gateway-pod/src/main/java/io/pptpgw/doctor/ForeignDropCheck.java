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
        List<Finding> drops = new ArrayList<>();
        List<Finding> maybe = new ArrayList<>();
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
                    drops.add(new Finding(chain, probe, outcome));
                } else if (outcome.verdict() == Verdict.MAY_DROP) {
                    maybe.add(new Finding(chain, probe, outcome));
                }
            }
        }
        if (!drops.isEmpty()) {
            return CheckResult.fail(id(), join(drops), hint(drops));
        }
        if (!maybe.isEmpty()) {
            return CheckResult.warn(id(), join(maybe), hint(maybe));
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

    /** A foreign base chain that drops (or may drop) one kind of PPTP packet. */
    private record Finding(ChainInfo chain, Probe probe, Outcome outcome) {
        /** The nft command that lets the probe through that chain first. */
        String fix() {
            String match = probe.port() > 0 ? "tcp dport " + probe.port() : "ip protocol gre";
            return "nft insert rule " + chain.family() + " " + chain.table() + " " + chain.name() + " " + match
                    + " accept";
        }
    }

    private static String join(List<Finding> findings) {
        return String.join(
                "; ", findings.stream().map(f -> f.outcome().where()).distinct().toList());
    }

    private static String hint(List<Finding> findings) {
        return "in nftables an accept in our table does not override a drop in another table; let PPTP through"
                + " there first: "
                + String.join(
                        "; ", findings.stream().map(Finding::fix).distinct().toList());
    }
}
