package io.pptpgw.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.pptpgw.config.MssClamping;
import io.pptpgw.doctor.NftRuleset.ChainInfo;
import io.pptpgw.doctor.NftRuleset.RuleInfo;
import io.pptpgw.node.GatewayRuleset;
import java.util.ArrayList;
import java.util.List;

/**
 * SYNs into and out of the tunnel must have their MSS clamped, or TCP through the tunnel stalls on large segments
 * wherever ICMP "fragmentation needed" is filtered (the PMTU black hole). Looks in our table's forward chains for
 * {@code tcp option maxseg size set} rules on the tunnel interface, each direction.
 */
public final class MssClampingCheck implements Check {
    @Override
    public String id() {
        return "mss-clamping";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        if (context.config().mssClamping() instanceof MssClamping.Off) {
            return CheckResult.pass(id(), "off by configuration (spec.mssClamping.mode: Off)");
        }
        String tun = context.config().tunnelInterface().name();
        NftRuleset ruleset = NftRuleset.parse(context.nft().listRulesetJson());
        String table = GatewayRuleset.tableName(context.config().name());
        boolean into = false;
        boolean outOf = false;
        for (ChainInfo chain : ruleset.chainsOf("inet", table)) {
            if (!chain.hook().orElse("").equals("forward")) {
                continue;
            }
            for (RuleInfo rule : ruleset.rulesOf(chain)) {
                if (clampsMss(rule.expressions())) {
                    into |= matchesInterface(rule.expressions(), "oifname", tun);
                    outOf |= matchesInterface(rule.expressions(), "iifname", tun);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (!into) {
            missing.add("into the tunnel (oifname " + tun + ")");
        }
        if (!outOf) {
            missing.add("out of the tunnel (iifname " + tun + ")");
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(id(), "TCP SYNs into and out of " + tun + " have their MSS clamped");
        }
        return CheckResult.fail(
                id(),
                "no MSS clamping of TCP SYNs " + String.join(" or ", missing) + " in table inet " + table
                        + ": large TCP transfers through the tunnel can stall",
                "the gateway's table carries the clamping (see gateway-table); make sure the gateway runs and its table"
                        + " is current");
    }

    private static boolean clampsMss(JsonNode expressions) {
        for (JsonNode expression : expressions) {
            JsonNode option = expression.path("mangle").path("key").path("tcp option");
            if (option.path("name").asText().equals("maxseg")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesInterface(JsonNode expressions, String key, String device) {
        for (JsonNode expression : expressions) {
            JsonNode match = expression.path("match");
            if (match.path("left").path("meta").path("key").asText().equals(key)
                    && match.path("op").asText("==").equals("==")
                    && match.path("right").asText().equals(device)) {
                return true;
            }
        }
        return false;
    }
}
