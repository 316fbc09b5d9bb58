package io.pptpgw.node;

import static org.awaitility.Awaitility.await;

import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * tcpdump on one interface of a lab namespace, the wire as the kernel hands it over. Packets are tcpdump's one-line
 * summaries ({@code -n}), e.g. {@code 13:25:42.489776 IP 192.0.2.100.49770 > 198.51.100.2.1723: Flags [S], ...
 * options [mss 1460,...]}.
 */
final class PacketCapture implements AutoCloseable {
    private static final Pattern MSS = Pattern.compile("\\bmss (\\d+)");
    private static final Duration START = Duration.ofSeconds(30);

    private final LabProcess tcpdump;
    private final String where;

    private PacketCapture(LabProcess tcpdump, String where) {
        this.tcpdump = tcpdump;
        this.where = where;
    }

    /** Starts capturing packets matching a pcap {@code filter} and returns once tcpdump listens. */
    static PacketCapture start(Namespace namespace, String interfaceName, String filter) {
        LabProcess tcpdump = namespace.start("tcpdump", "-l", "-n", "-i", interfaceName, filter);
        tcpdump.awaitOutput("listening on " + interfaceName, START);
        return new PacketCapture(tcpdump, namespace.host() + " " + interfaceName + " (" + filter + ")");
    }

    /** The packets captured so far. */
    List<String> packets() {
        return tcpdump.stdout().lines().filter(line -> line.contains(" IP ")).toList();
    }

    /** Waits until a captured packet matches {@code what}; returns all packets so far. */
    List<String> awaitPacket(String description, Predicate<String> what, Duration timeout) {
        try {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> packets().stream().anyMatch(what));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + description + " within " + timeout + " in the " + this, e);
        }
        return packets();
    }

    /** The MSS option of a TCP packet's summary, if it has one. */
    static OptionalInt mss(String packet) {
        Matcher m = MSS.matcher(packet);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    @Override
    public void close() {
        tcpdump.close();
    }

    @Override
    public String toString() {
        return "capture on " + where + ":\n" + String.join("\n", packets());
    }
}
