package io.pptpgw.interop;

import static io.pptpgw.interop.PppdConfig.SHARE;

import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The real PPTP server in the guest: pptpd, which hands each call to a pppd. Writes {@code /etc/pptpd.conf},
 * {@code /etc/ppp/pptpd-options} (MS-CHAPv2 required, the chosen MPPE, DNS for RFC 1877) and its users' lines of
 * {@code /etc/ppp/chap-secrets}, starts pptpd and waits until it listens on TCP 1723. Every call's pppd logs
 * with {@code debug} to {@code pptpd-pppd.log} in the share; pptpd and pptpctrl log to the guest's syslog.
 *
 * <pre>{@code
 * PptpdScenario server = PptpdScenario.serving("192.168.77.1", "192.168.77.10-19")
 *         .withUser("alice", "alice-password")
 *         .withDns("192.168.77.53");
 * server.start(vm);
 * // ... our client dials vm.network().guestIp() ...
 * server.stop(vm);
 * }</pre>
 *
 * @param remoteIpRange pptpd's {@code remoteip} syntax: {@code 192.168.77.10-19} or a comma-separated list
 * @param listen the guest address pptpd binds (empty: all)
 */
public record PptpdScenario(
        String serverName,
        String localIp,
        String remoteIpRange,
        List<User> users,
        Mppe mppe,
        List<String> dnsServers,
        Optional<String> listen,
        int lcpEchoInterval,
        int lcpEchoFailure,
        int mtu) {

    /** A line of chap-secrets for this server. */
    public record User(String name, String password) {
        public User {
            PppdConfig.word("user name", name);
            PppdConfig.word("password", password);
        }
    }

    public PptpdScenario {
        PppdConfig.word("serverName", serverName);
        PppdConfig.ipv4("localIp", localIp);
        if (!remoteIpRange.matches("[0-9.,-]{7,200}")) {
            throw new IllegalArgumentException("remoteIpRange '" + remoteIpRange
                    + "' must be pptpd's remoteip syntax, e.g. 192.168.77.10-19 or 192.168.77.10,192.168.77.11");
        }
        users = List.copyOf(users);
        Objects.requireNonNull(mppe, "mppe");
        dnsServers = List.copyOf(dnsServers);
        dnsServers.forEach(dns -> PppdConfig.ipv4("dns server", dns));
        if (dnsServers.size() > 2) {
            throw new IllegalArgumentException("RFC 1877 carries 2 DNS servers; got " + dnsServers.size());
        }
        listen.ifPresent(address -> PppdConfig.ipv4("listen", address));
        if (mtu < 576 || mtu > 1500) {
            throw new IllegalArgumentException("mtu " + mtu + " is outside 576..1500");
        }
    }

    /** Server name {@code pptpd}, no users yet, MPPE-128 stateless, LCP echo every 10 s (3 misses), MTU 1400. */
    public static PptpdScenario serving(String localIp, String remoteIpRange) {
        return new PptpdScenario(
                "pptpd",
                localIp,
                remoteIpRange,
                List.of(),
                Mppe.STATELESS_128,
                List.of(),
                Optional.empty(),
                10,
                3,
                1400);
    }

    public PptpdScenario withUser(String name, String password) {
        List<User> more = new ArrayList<>(users);
        more.add(new User(name, password));
        return new PptpdScenario(
                serverName,
                localIp,
                remoteIpRange,
                more,
                mppe,
                dnsServers,
                listen,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu);
    }

    public PptpdScenario withMppe(Mppe newMppe) {
        return new PptpdScenario(
                serverName,
                localIp,
                remoteIpRange,
                users,
                newMppe,
                dnsServers,
                listen,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu);
    }

    public PptpdScenario withDns(String... servers) {
        return new PptpdScenario(
                serverName,
                localIp,
                remoteIpRange,
                users,
                mppe,
                List.of(servers),
                listen,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu);
    }

    public PptpdScenario listeningOn(String address) {
        return new PptpdScenario(
                serverName,
                localIp,
                remoteIpRange,
                users,
                mppe,
                dnsServers,
                Optional.of(address),
                lcpEchoInterval,
                lcpEchoFailure,
                mtu);
    }

    public PptpdScenario withServerName(String newServerName) {
        return new PptpdScenario(
                newServerName,
                localIp,
                remoteIpRange,
                users,
                mppe,
                dnsServers,
                listen,
                lcpEchoInterval,
                lcpEchoFailure,
                mtu);
    }

    public PptpdScenario withLcpEcho(int interval, int failures) {
        return new PptpdScenario(
                serverName, localIp, remoteIpRange, users, mppe, dnsServers, listen, interval, failures, mtu);
    }

    /** {@code /etc/pptpd.conf}. */
    public String pptpdConf() {
        List<String> lines = new ArrayList<>();
        lines.add("# written by PptpdScenario");
        lines.add("option /etc/ppp/pptpd-options");
        lines.add("debug");
        lines.add("localip " + localIp);
        lines.add("remoteip " + remoteIpRange);
        listen.ifPresent(address -> lines.add("listen " + address));
        return String.join("\n", lines) + "\n";
    }

    /** {@code /etc/ppp/pptpd-options}: what every call's pppd runs with. */
    public String pppdOptions() {
        List<String> lines = new ArrayList<>();
        lines.add("# written by PptpdScenario");
        lines.add("name " + serverName);
        lines.addAll(List.of("refuse-pap", "refuse-chap", "refuse-mschap", "require-mschap-v2"));
        lines.addAll(mppe.pppdOptions());
        dnsServers.forEach(dns -> lines.add("ms-dns " + dns));
        lines.addAll(List.of("nodefaultroute", "nobsdcomp", "nodeflate", "nologfd"));
        if (lcpEchoInterval > 0) {
            lines.add("lcp-echo-interval " + lcpEchoInterval);
            lines.add("lcp-echo-failure " + lcpEchoFailure);
        }
        lines.add("mtu " + mtu);
        lines.add("mru " + mtu);
        lines.add("logfile " + pppdLogPath());
        lines.add("debug");
        return String.join("\n", lines) + "\n";
    }

    /** The guest script that writes the configuration, empties the calls' pppd log and loads the PPP modules. */
    public String setupScript() {
        StringBuilder script = new StringBuilder("set -e\nmkdir -p /etc/ppp\n: >" + pppdLogPath() + "\n");
        script.append(PppdConfig.writeFile("/etc/pptpd.conf", pptpdConf()));
        script.append(PppdConfig.writeFile("/etc/ppp/pptpd-options", pppdOptions()));
        for (User user : users) {
            script.append(PppdConfig.setSecret("/etc/ppp/chap-secrets", user.name(), serverName, user.password()));
        }
        script.append(PppdConfig.loadPppModules());
        return script.toString();
    }

    /** Configures and starts pptpd, and waits (up to 30 s) until it listens on TCP 1723. */
    public void start(Vm vm) {
        vm.exec(setupScript()).orThrow();
        CommandResult started = vm.exec("pptpd -c /etc/pptpd.conf\n"
                + "for _ in $(seq 1 300); do ss -Hltn 'sport = :1723' | grep -q . && exit 0; sleep 0.1; done\n"
                + "echo 'pptpd does not listen on TCP 1723'; exit 1");
        if (!started.succeeded()) {
            throw new IllegalStateException("pptpd did not start: " + started.describe() + "\n" + logs(vm));
        }
    }

    /** Stops pptpd and the control connections and pppds of its calls. */
    public CommandResult stop(Vm vm) {
        return vm.exec("pkill -x pptpd; pkill -x pptpctrl; pkill -f 'pppd.*pptpd-options'; sleep 0.5; true");
    }

    /** The guest path of the calls' pppd log, inside the host share. */
    public String pppdLogPath() {
        return SHARE + "/pptpd-pppd.log";
    }

    /** The log of every call's pppd. */
    public String pppdLog(Vm vm) {
        return vm.readShare("pptpd-pppd.log").orElse("");
    }

    /** The calls' pppd log and the guest's syslog (pptpd, pptpctrl), for a failure message. */
    public String logs(Vm vm) {
        return "===== pptpd's pppd log " + pppdLogPath() + " =====\n" + pppdLog(vm) + "===== guest syslog =====\n"
                + vm.readShare("syslog.log").orElse("(none)");
    }
}
