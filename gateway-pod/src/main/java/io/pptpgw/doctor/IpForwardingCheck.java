package io.pptpgw.doctor;

import io.pptpgw.net.Sysctl;

/** Without IPv4 forwarding the node terminates tunnels but routes nothing between clients and the network. */
public final class IpForwardingCheck implements Check {
    @Override
    public String id() {
        return "ip-forwarding";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        String value = context.sysctl().read(Sysctl.IP_FORWARD).orElse("(unreadable)");
        if (value.equals("1")) {
            return CheckResult.pass(id(), Sysctl.IP_FORWARD + " is 1");
        }
        return CheckResult.fail(
                id(),
                Sysctl.IP_FORWARD + " is " + value
                        + ": the node will not route tunnel clients' traffic or forwarded PPTP",
                "the gateway turns it on at start and within 10 s of a change; if it stays off, something resets it"
                        + " (sysctl -w net.ipv4.ip_forward=1, and look for net.ipv4.ip_forward in /etc/sysctl.d)");
    }
}
