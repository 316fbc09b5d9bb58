package io.pptpgw.doctor;

import io.pptpgw.net.CommandException;
import io.pptpgw.net.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classic PPTP failure is a control connection that works while its GRE does not: a NAT without the PPTP
 * helper, or a firewall dropping IP protocol 47. Conntrack shows it: each live peer should have a TCP entry to the
 * listen port and GRE in both directions. A session the node terminates itself never has a replied GRE entry (each
 * direction's key is the other side's Call ID, and no helper pairs them), so GRE counts as flowing when it is seen
 * from the peer and to the peer, or in one replied entry. The peers are the ones the gateway names, else the
 * sources of established TCP connections to the listen port.
 */
public final class ConntrackSessionsCheck implements Check {
    private static final Pattern FIRST_SOURCE = Pattern.compile("\\bsrc=(\\S+) dst=(\\S+)");

    @Override
    public String id() {
        return "conntrack-sessions";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        String port = Integer.toString(context.config().listen().port().number());
        List<String> tcp;
        List<String> gre;
        try {
            tcp = entries(context, List.of("conntrack", "-L", "-p", "tcp", "--dport", port));
            gre = entries(context, List.of("conntrack", "-L", "-p", "gre"));
        } catch (CommandException e) {
            return CheckResult.warn(
                    id(),
                    "cannot list conntrack entries: " + e.getMessage(),
                    "install conntrack-tools to check live sessions");
        }
        Set<String> peers = new LinkedHashSet<>();
        context.livePeers().forEach(peer -> peers.add(peer.toString()));
        if (peers.isEmpty()) {
            tcp.stream()
                    .filter(line -> line.contains("ESTABLISHED"))
                    .forEach(line -> source(line).ifPresent(peers::add));
        }
        if (peers.isEmpty()) {
            return CheckResult.pass(id(), "no live PPTP sessions to check");
        }
        return verdict(peers, tcp, gre, port);
    }

    private CheckResult verdict(Set<String> peers, List<String> tcp, List<String> gre, String port) {
        List<String> oneWay = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String peer : peers) {
            List<String> peerGre =
                    gre.stream().filter(line -> involves(line, peer)).toList();
            boolean hasTcp = tcp.stream().anyMatch(line -> involves(line, peer));
            boolean fromPeer = peerGre.stream().anyMatch(line -> original(line, peer, true));
            boolean toPeer = peerGre.stream().anyMatch(line -> original(line, peer, false));
            boolean replied = peerGre.stream().anyMatch(line -> !line.contains("[UNREPLIED]"));
            if (peerGre.isEmpty() || !hasTcp) {
                missing.add(peer + (hasTcp ? " (TCP " + port + ", no GRE)" : " (no TCP " + port + " entry)"));
            } else if (!replied && !(fromPeer && toPeer)) {
                oneWay.add(peer + (fromPeer ? " (from it, none to it)" : " (to it, none from it)"));
            }
        }
        if (!oneWay.isEmpty()) {
            return CheckResult.fail(
                    id(),
                    "GRE with " + String.join(", ", oneWay) + " flows one way only while the control connection is"
                            + " up: the tunnels' GRE does not get through",
                    "none from the peer: a NAT in front of the client without the PPTP helper, or a firewall dropping"
                            + " IP protocol 47 on the way in; none to it: a firewall on this node dropping outgoing"
                            + " GRE (see foreign-drops); conntrack -L -p gre shows the entries");
        }
        if (!missing.isEmpty()) {
            return CheckResult.warn(
                    id(),
                    "no complete conntrack entries for " + String.join(", ", missing),
                    "a session still setting up has no GRE yet; one that stays this way has its GRE blocked");
        }
        return CheckResult.pass(id(), peers.size() + " live peers have TCP " + port + " and GRE both ways");
    }

    private static List<String> entries(DoctorContext context, List<String> argv) {
        CommandResult result = context.runner().run(argv, "");
        if (!result.succeeded()) {
            throw new CommandException(result.describeFailure());
        }
        return result.stdout().lines().filter(line -> !line.isBlank()).toList();
    }

    private static java.util.Optional<String> source(String line) {
        Matcher m = FIRST_SOURCE.matcher(line);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** Whether the entry's original direction comes from {@code peer} ({@code fromPeer}) or goes to it. */
    private static boolean original(String line, String peer, boolean fromPeer) {
        Matcher m = FIRST_SOURCE.matcher(line);
        return m.find() && m.group(fromPeer ? 1 : 2).equals(peer);
    }

    /** Whether the entry's original direction has {@code peer} as source or destination. */
    private static boolean involves(String line, String peer) {
        Matcher m = FIRST_SOURCE.matcher(line);
        return m.find() && (m.group(1).equals(peer) || m.group(2).equals(peer));
    }
}
