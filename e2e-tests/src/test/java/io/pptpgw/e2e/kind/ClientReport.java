package io.pptpgw.e2e.kind;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What client/pptp-dial reports, one step per line starting {@code PPTP-DIAL}: the tunnel's addresses, the
 * encryption pppd negotiated, the pings and the fetch, and a final {@code RESULT PASS} or {@code RESULT FAIL: why}.
 */
public record ClientReport(List<String> lines) {
    public static final String PREFIX = "PPTP-DIAL ";
    public static final String PASS = PREFIX + "RESULT PASS";
    public static final String FAIL = PREFIX + "RESULT FAIL";
    /** What pppd logs when CCP opens with stateless 128-bit MPPE, and what the script repeats. */
    public static final String MPPE_128_STATELESS = "MPPE 128-bit stateless compression enabled";

    private static final Pattern TUNNEL =
            Pattern.compile("^PPTP-DIAL tunnel up: interface=(\\S+) local=(\\S+) peer=(\\S+)$");
    private static final Pattern FETCH = Pattern.compile("^PPTP-DIAL fetch (\\S+) ok: (.*)$");

    /** The report lines of a log (pod log, script output), in order. */
    public static ClientReport of(String log) {
        return new ClientReport(
                log.lines().filter(line -> line.startsWith(PREFIX)).toList());
    }

    public boolean finished() {
        return passed() || failed();
    }

    public boolean passed() {
        return lines.contains(PASS);
    }

    public boolean failed() {
        return lines.stream().anyMatch(line -> line.startsWith(FAIL));
    }

    /** ppp0's local address, once the tunnel is up. */
    public Optional<String> localAddress() {
        return tunnel().map(m -> m.group(2));
    }

    /** The gateway's end of the tunnel (IPCP's peer address). */
    public Optional<String> peerAddress() {
        return tunnel().map(m -> m.group(3));
    }

    public Optional<String> encryption() {
        return lines.stream()
                .filter(line -> line.startsWith(PREFIX + "encryption: "))
                .map(line -> line.substring((PREFIX + "encryption: ").length()))
                .findFirst();
    }

    public boolean pinged(String address) {
        return lines.stream()
                .anyMatch(line -> line.matches("PPTP-DIAL ping (peer|target) " + Pattern.quote(address) + " ok"));
    }

    /** The body fetched through the tunnel. */
    public Optional<String> fetched() {
        return lines.stream()
                .map(FETCH::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(2))
                .findFirst();
    }

    private Optional<Matcher> tunnel() {
        return lines.stream().map(TUNNEL::matcher).filter(Matcher::matches).findFirst();
    }
}
