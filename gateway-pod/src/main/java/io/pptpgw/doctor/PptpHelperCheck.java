package io.pptpgw.doctor;

import io.pptpgw.nft.CtHelper;
import io.pptpgw.nft.Family;
import io.pptpgw.nft.NftException;
import io.pptpgw.nft.NftScript;
import io.pptpgw.nft.Table;
import java.util.List;

/**
 * Whether the kernel has the PPTP conntrack helper (nf_conntrack_pptp), which NATs the GRE of PPTP calls that pass
 * through the node. Asked with {@code nft --check} of a scratch table holding the helper object: the kernel
 * validates the helper type and nothing is created.
 */
public final class PptpHelperCheck implements Check {
    @Override
    public String id() {
        return "pptp-helper";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        boolean needed = context.config().passthrough().conntrackHelper();
        Table probe = new Table(Family.INET, "pptpgw_doctor_probe", List.of(CtHelper.pptp("pptp")));
        try {
            context.nft().check(NftScript.definition(probe));
            return CheckResult.pass(
                    id(),
                    "the kernel has the pptp conntrack helper"
                            + (needed ? "" : " (not used: spec.passthrough.conntrackHelper is false)"));
        } catch (NftException e) {
            String message = "the kernel refused a pptp ct helper object (" + e.getMessage() + ")";
            String hint = "load it: modprobe nf_conntrack_pptp (and nf_nat_pptp for NAT)";
            return needed
                    ? CheckResult.fail(id(), message + ": PPTP passthrough and forwards will lose their GRE", hint)
                    : CheckResult.warn(
                            id(), message + "; not needed while spec.passthrough.conntrackHelper is false", hint);
        }
    }
}
