package io.pptpgw.doctor;

import java.util.ArrayList;
import java.util.List;

/** Runs the checklist. A check that throws is reported as failed with its error; the others still run. */
public final class Doctor {
    private Doctor() {}

    /** The PPTP-through-NAT checklist, in the order a person would work through it. */
    public static List<Check> standardChecks() {
        return List.of(
                new IpForwardingCheck(),
                new GreConntrackCheck(),
                new PptpHelperCheck(),
                new GatewayTableCheck(),
                new ForeignDropCheck(),
                new MssClampingCheck(),
                new ConntrackSessionsCheck(),
                new TunnelMtuCheck());
    }

    public static Report examine(DoctorContext context) {
        return examine(context, standardChecks());
    }

    public static Report examine(DoctorContext context, List<Check> checks) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            try {
                results.add(check.run(context));
            } catch (RuntimeException e) {
                results.add(CheckResult.fail(
                        check.id(),
                        "the check itself failed: " + e.getMessage(),
                        "run it again; if it persists, report the message above"));
            }
        }
        return new Report(context.config().name(), results);
    }
}
