package io.pptpgw.interop;

import static io.pptpgw.interop.PppdConfig.SHARE;

import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The real Linux PPTP client in the guest: pppd with pptp-linux as its pty program, dialling {@code server}.
 * Writes {@code /etc/ppp/peers/<peerName>} (with the password in pppd's {@code password} option rather than in
 * chap-secrets, which pptpd in the same guest would share), dials with {@code pppd call <peerName> updetach}
 * (which returns once IPCP is up, or fails with pppd's exit status), and reads back the interface and addresses. pppd logs with {@code debug} to {@code pppd-<peerName>.log} in the share; pptp
 * logs to the guest's syslog ({@code syslog.log}).
 *
 * <pre>{@code
 * PptpClientScenario client = PptpClientScenario.dialling("10.77.0.1")
 *         .withUser("alice", "alice-password")
 *         .withMppe(Mppe.STATEFUL_128)
 *         .withLcpEcho(5, 3);
 * PppLink link = client.dial(vm, Duration.ofSeconds(60));
 * vm.exec("ping -c 3 -I " + link.interfaceName() + " " + link.peerAddress()).orThrow();
 * client.hangUp(vm);
 * }</pre>
 *
 * @param guestNamespace a network namespace inside the guest to dial from (empty: the guest's own stack)
 */
public record PptpClientScenario(
        String peerName,
        String server,
        String user,
        String password,
        String remoteName,
        Mppe mppe,
        int lcpEchoInterval,
        int lcpEchoFailure,
        int mtu,
        int unit,
        Optional<String> guestNamespace,
        List<String> extraOptions) {

    public PptpClientScenario {
        PppdConfig.word("peerName", peerName);
        PppdConfig.ipv4("server", server);
        PppdConfig.word("user", user);
        PppdConfig.word("password", password);
        if (!remoteName.equals("*")) {
            PppdConfig.word("remoteName", remoteName);
        }
        Objects.requireNonNull(mppe, "mppe");
        if (lcpEchoInterval < 0 || lcpEchoFailure < 0) {
            throw new IllegalArgumentException(
                    "LCP echo interval " + lcpEchoInterval + " and failure count " + lcpEchoFailure + " must be >= 0");
        }
        if (mtu < 576 || mtu > 1500) {
            throw new IllegalArgumentException("mtu " + mtu + " is outside 576..1500");
        }
        if (unit < 0 || unit > 99) {
            throw new IllegalArgumentException("unit " + unit + " is outside 0..99");
        }
        guestNamespace.ifPresent(ns -> PppdConfig.word("guestNamespace", ns));
        extraOptions = List.copyOf(extraOptions);
        extraOptions.forEach(option -> {
            if (option.contains("\n")) {
                throw new IllegalArgumentException(
                        "pppd option '" + option + "' spans lines; give one option per entry");
            }
        });
    }

    /**
     * MS-CHAPv2 as user {@code alice}, MPPE-128 stateless, LCP echo every 10 s (3 misses), MTU/MRU 1400, unit 0
     * ({@code ppp0}), peer file {@code pptpgw}.
     */
    public static PptpClientScenario dialling(String server) {
        return new PptpClientScenario(
                "pptpgw",
                server,
                "alice",
                "alice-password",
                "*",
                Mppe.STATELESS_128,
                10,
                3,
                1400,
                0,
                Optional.empty(),
                List.of());
    }

    public PptpClientScenario withUser(String newUser, String newPassword) {
        return new PptpClientScenario(
                peerName,
                server,
                newUser,
                newPassword,
                remoteName,
                mppe,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu,
                unit,
                guestNamespace,
                extraOptions);
    }

    /** The server's name (pppd's {@code remotename}, what MS-CHAPv2 expects the server to call itself). */
    public PptpClientScenario withRemoteName(String newRemoteName) {
        return new PptpClientScenario(
                peerName,
                server,
                user,
                password,
                newRemoteName,
                mppe,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu,
                unit,
                guestNamespace,
                extraOptions);
    }

    public PptpClientScenario withMppe(Mppe newMppe) {
        return new PptpClientScenario(
                peerName,
                server,
                user,
                password,
                remoteName,
                newMppe,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu,
                unit,
                guestNamespace,
                extraOptions);
    }

    /** LCP Echo-Request every {@code interval} seconds, link down after {@code failures} unanswered; 0 turns it off. */
    public PptpClientScenario withLcpEcho(int interval, int failures) {
        return new PptpClientScenario(
                peerName,
                server,
                user,
                password,
                remoteName,
                mppe,
                interval,
                failures,
                mtu,
                unit,
                guestNamespace,
                extraOptions);
    }

    public PptpClientScenario withMtu(int newMtu) {
        return new PptpClientScenario(
                peerName,
                server,
                user,
                password,
                remoteName,
                mppe,
                lcpEchoInterval,
                lcpEchoFailure,
                newMtu,
                unit,
                guestNamespace,
                extraOptions);
    }

    /** A second client in the same guest needs its own peer name and unit. */
    public PptpClientScenario withPeer(String newPeerName, int newUnit) {
        return new PptpClientScenario(
                newPeerName,
                server,
                user,
                password,
                remoteName,
                mppe,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu,
                newUnit,
                guestNamespace,
                extraOptions);
    }

    public PptpClientScenario inGuestNamespace(String namespace) {
        return new PptpClientScenario(
                peerName,
                server,
                user,
                password,
                remoteName,
                mppe,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu,
                unit,
                Optional.of(namespace),
                extraOptions);
    }

    /** Any further pppd option, one per call, e.g. {@code "nopcomp"}. */
    public PptpClientScenario withOption(String option) {
        List<String> options = new ArrayList<>(extraOptions);
        options.add(option);
        return new PptpClientScenario(
                peerName,
                server,
                user,
                password,
                remoteName,
                mppe,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu,
                unit,
                guestNamespace,
                options);
    }

    public String interfaceName() {
        return "ppp" + unit;
    }

    /** The guest path of pppd's log ({@code debug} packet trace included), inside the host share. */
    public String pppdLogPath() {
        return SHARE + "/pppd-" + peerName + ".log";
    }

    /** {@code /etc/ppp/peers/<peerName>}. */
    public String peerFile() {
        List<String> lines = new ArrayList<>();
        lines.add("# pptp-linux dials " + server + "; written by PptpClientScenario");
        lines.add("pty \"pptp " + server + " --nolaunchpppd --loglevel 2\"");
        lines.add("name " + user);
        lines.add("password " + password);
        if (!remoteName.equals("*")) {
            lines.add("remotename " + remoteName);
        }
        lines.add("linkname " + peerName);
        lines.add("ipparam " + peerName);
        lines.add("unit " + unit);
        // The client authenticates itself; it does not ask the gateway to authenticate (MS-CHAPv2's
        // authenticator response already proves the server knows the password).
        lines.add("noauth");
        lines.addAll(List.of("refuse-pap", "refuse-chap", "refuse-mschap", "refuse-eap"));
        lines.addAll(mppe.pppdOptions());
        lines.addAll(List.of("nobsdcomp", "nodeflate"));
        if (lcpEchoInterval > 0) {
            lines.add("lcp-echo-interval " + lcpEchoInterval);
            lines.add("lcp-echo-failure " + lcpEchoFailure);
        }
        lines.add("mtu " + mtu);
        lines.add("mru " + mtu);
        lines.addAll(List.of("nodefaultroute", "noipdefault", "maxfail 1"));
        lines.add("logfile " + pppdLogPath());
        lines.add("debug");
        lines.addAll(extraOptions);
        return String.join("\n", lines) + "\n";
    }

    /** The guest script that writes the configuration, empties pppd's log and loads the PPP modules. */
    public String setupScript() {
        return "set -e\nmkdir -p /etc/ppp/peers\n: >" + pppdLogPath() + "\n"
                + PppdConfig.writeFile("/etc/ppp/peers/" + peerName, peerFile())
                + "chmod 600 /etc/ppp/peers/" + peerName + "\n"
                + PppdConfig.loadPppModules();
    }

    /** Writes the configuration and dials; pppd's exit status and output, without judging them. */
    public CommandResult tryDial(Vm vm, Duration timeout) {
        vm.exec(setupScript()).orThrow();
        return vm.exec(inNamespace("pppd call " + peerName + " updetach"), timeout);
    }

    /** Dials and returns the link once IPCP is up; throws with pppd's log and the guest's syslog otherwise. */
    public PppLink dial(Vm vm, Duration timeout) {
        CommandResult dialled = tryDial(vm, timeout);
        if (!dialled.succeeded()) {
            throw new IllegalStateException(
                    "pppd could not dial " + server + ": " + dialled.describe() + "\n" + logs(vm));
        }
        CommandResult address = vm.exec(inNamespace("ip -o -4 addr show dev " + interfaceName()))
                .orThrow();
        return PppLink.parse(interfaceName(), address.output());
    }

    /** Ends the call: SIGTERM to pppd (it sends LCP Terminate-Request), then waits up to 15 s for it to exit. */
    public CommandResult hangUp(Vm vm) {
        String pidFile = "/run/ppp-" + peerName + ".pid";
        return vm.exec("[ -f " + pidFile + " ] || exit 0\npid=$(head -n 1 " + pidFile + ")\nkill \"$pid\" || exit 0\n"
                + "for _ in $(seq 1 150); do kill -0 \"$pid\" 2>/dev/null || exit 0; sleep 0.1; done\n"
                + "echo \"pppd $pid still running\"; exit 1");
    }

    /** pppd's log of this peer (empty before the first dial). */
    public String pppdLog(Vm vm) {
        return vm.readShare("pppd-" + peerName + ".log").orElse("");
    }

    /** pppd's log and the guest's syslog (pptp's own messages), for a failure message. */
    public String logs(Vm vm) {
        return "===== pppd log " + pppdLogPath() + " =====\n" + pppdLog(vm) + "===== guest syslog =====\n"
                + vm.readShare("syslog.log").orElse("(none)");
    }

    /** {@code command} run in {@link #guestNamespace()} when there is one. */
    public String inNamespace(String command) {
        return guestNamespace.map(ns -> "ip netns exec " + ns + " " + command).orElse(command);
    }
}
