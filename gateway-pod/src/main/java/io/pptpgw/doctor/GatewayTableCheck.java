package io.pptpgw.doctor;

import io.pptpgw.doctor.NftRuleset.ChainInfo;
import io.pptpgw.nft.Chain;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.Table;
import io.pptpgw.node.GatewayRuleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Our table is present and equal to the one the config asks for. The desired table is loaded once, under a scratch
 * name and with every base chain demoted to a regular chain (so the kernel never runs it), and nft's listing of it
 * is compared with nft's listing of ours; the hooks are compared through nft's JSON. So the comparison never
 * imitates nft's printer, and no extra rule ever sees a packet.
 */
public final class GatewayTableCheck implements Check {
    private static final Pattern HOOK_LINE = Pattern.compile("\\s*type \\w+ hook \\w+ .*policy \\w+;");
    private static final Pattern HANDLE = Pattern.compile("\\s*# handle \\d+");

    @Override
    public String id() {
        return "gateway-table";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        Table desired = GatewayRuleset.build(context.config());
        String actual;
        try {
            actual = context.nft().listTable(desired.family(), desired.name());
        } catch (NftException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            return CheckResult.fail(
                    id(),
                    "table " + desired.qualifiedName() + " is missing",
                    "is the gateway running on this node? It creates the table at start and restores it within 10 s;"
                            + " its log says why it could not");
        }
        Optional<String> difference =
                listingDifference(context, desired, actual).or(() -> hookDifference(context, desired));
        return difference
                .map(d -> CheckResult.fail(
                        id(),
                        "table " + desired.qualifiedName() + " differs from the desired" + " ruleset: " + d,
                        "the gateway re-applies its table within 10 s of a change; if this persists, another tool is"
                                + " rewriting it (nft monitor shows the changes as they happen)"))
                .orElseGet(() -> CheckResult.pass(
                        id(),
                        "table " + desired.qualifiedName() + " is present and current ("
                                + desired.chains().size() + " chains)"));
    }

    private static Optional<String> listingDifference(DoctorContext context, Table desired, String actual) {
        String twinName = "pptpgw_doctor_" + ProcessHandle.current().pid();
        Table twin = desired.inertTwin(twinName);
        String expected;
        try {
            context.nft().apply(NftScript.replace(twin, context.nft().features()));
            expected = context.nft().listTable(twin.family(), twinName);
        } finally {
            context.nft()
                    .apply(NftScript.remove(
                            twin.family(), twinName, context.nft().features()));
        }
        List<String> want = normalize(expected.replace(twinName, desired.name()));
        List<String> got = normalize(actual);
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end)";
            String g = i < got.size() ? got.get(i) : "(end)";
            if (!w.equals(g)) {
                return Optional.of("expected `" + w + "`, found `" + g + "`");
            }
        }
        return Optional.empty();
    }

    private static List<String> normalize(String listing) {
        return listing.replaceAll(",\n\\s*", ", ")
                .lines()
                .filter(line -> !HOOK_LINE.matcher(line).matches())
                .map(line -> HANDLE.matcher(line).replaceAll("").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static Optional<String> hookDifference(DoctorContext context, Table desired) {
        NftRuleset ruleset = NftRuleset.parse(context.nft().listRulesetJson());
        List<String> differences = new ArrayList<>();
        for (Chain chain : desired.chains()) {
            Optional<ChainInfo> actual = ruleset.chain(desired.family().keyword(), desired.name(), chain.name());
            String want = chain.base()
                    .map(b -> b.type().keyword() + " hook " + b.hook().keyword() + " priority "
                            + b.priority().value() + " policy " + b.policy().keyword())
                    .orElse("no hook");
            String got = actual.map(c -> c.hook()
                            .map(h -> c.type() + " hook " + h + " priority " + c.priority() + " policy " + c.policy())
                            .orElse("no hook"))
                    .orElse("missing");
            if (!want.equals(got)) {
                differences.add("chain " + chain.name() + " should be " + want + " but is " + got);
            }
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }
}
