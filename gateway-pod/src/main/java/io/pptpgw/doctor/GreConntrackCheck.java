package io.pptpgw.doctor;

/**
 * NAT of PPTP needs the kernel to track GRE (nf_conntrack_proto_gre, built into nf_conntrack since Linux 5.1);
 * its timeouts appear under /proc/sys/net/netfilter when it is there.
 */
public final class GreConntrackCheck implements Check {
    static final String GRE_TIMEOUT = "net.netfilter.nf_conntrack_gre_timeout";

    @Override
    public String id() {
        return "gre-conntrack";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        return context.sysctl()
                .read(GRE_TIMEOUT)
                .map(timeout -> CheckResult.pass(id(), "the kernel tracks GRE (" + GRE_TIMEOUT + " = " + timeout + ")"))
                .orElseGet(() -> CheckResult.fail(
                        id(),
                        "the kernel does not track GRE connections (no " + GRE_TIMEOUT + "): NAT cannot follow the"
                                + " tunnels' GRE",
                        "load connection tracking with GRE support: modprobe nf_conntrack (and nf_conntrack_proto_gre"
                                + " on kernels before 5.1)"));
    }
}
