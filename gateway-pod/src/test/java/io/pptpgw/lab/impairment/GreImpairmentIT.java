package io.pptpgw.lab.impairment;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabTopology;
import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Link;
import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topology;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.sys.NetworkNamespace;
import io.pptpgw.sys.RawGreSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab's GRE impairments on a real router: host {@code a} sends numbered enhanced-GRE packets through
 * {@code router} to host {@code b}, which notes the order they arrive in.
 */
@LabTopology("routed")
class GreImpairmentIT {
    private static final int PACKETS = 400;
    private static final int B = Ipv4.parse("198.51.100.1");

    static Topology routed() {
        return new Topology(
                "routed",
                List.of(
                        Host.named("a").withRoute(Route.defaultVia("192.0.2.254")),
                        Host.named("router").forwarding(),
                        Host.named("b").withRoute(Route.defaultVia("198.51.100.254"))),
                List.of(
                        Link.between(
                                Endpoint.of("a", "eth0", "192.0.2.1/24"),
                                Endpoint.of("router", "eth0", "192.0.2.254/24")),
                        Link.between(
                                Endpoint.of("router", "eth1", "198.51.100.254/24"),
                                Endpoint.of("b", "eth0", "198.51.100.1/24"))));
    }

    @Test
    void theRelaySwapsOnePacketInNWithItsSuccessorAndLosesNone(Lab lab) throws Exception {
        List<Integer> arrived;
        String summary;
        try (GreImpairment.Applied impaired = new GreImpairment(0, 4).applyTo(lab.namespace("router"))) {
            arrived = sendThrough(lab);
            assertThat(impaired.droppedPackets()).isZero();
            impaired.close();
            summary = impaired.relaySummary();
        }
        assertThat(arrived).as("every packet arrives once").hasSize(PACKETS).doesNotHaveDuplicates();
        // Packets 4, 8, ... (counting from 1) wait for their successor; the last one, 400, waits in vain and goes
        // alone after the hold time.
        assertThat(inversions(arrived)).isEqualTo(PACKETS / 4 - 1);
        assertThat(arrived.subList(0, 8)).containsExactly(0, 1, 2, 4, 3, 5, 6, 8);
        assertThat(summary).contains("relayed " + PACKETS + " GRE packets, reordered " + (PACKETS / 4 - 1));
    }

    @Test
    void nftablesLosesTheAskedShareAtRandomAndCountsIt(Lab lab) throws Exception {
        try (GreImpairment.Applied impaired = new GreImpairment(10, 0).applyTo(lab.namespace("router"))) {
            List<Integer> arrived = sendThrough(lab);
            long dropped = impaired.droppedPackets();
            assertThat(arrived.size() + dropped).isEqualTo(PACKETS);
            assertThat(dropped).as("10%% of %d, give or take", PACKETS).isBetween(15L, 80L);
            assertThat(inversions(arrived)).isZero();
        }
        assertThat(lab.namespace("router").exec("nft", "list", "tables").stdout())
                .as("closing removes the table")
                .doesNotContain(GreImpairment.TABLE);
    }

    @Test
    void theRulesetDropsForwardedGreWhenTheRelayResendsIt() {
        assertThat(new GreImpairment(1, 50).ruleset())
                .contains("chain forward {\n\t\ttype filter hook forward priority filter - 10; policy accept;\n"
                        + "\t\tip protocol gre drop\n")
                .contains("chain output {\n\t\ttype filter hook output priority filter - 10; policy accept;\n"
                        + "\t\tip protocol gre numgen random mod 100 < 1 counter drop\n");
    }

    /** Sends numbered GRE packets from {@code a} to {@code b}; returns the numbers in the order {@code b} got them. */
    private static List<Integer> sendThrough(Lab lab) throws Exception {
        try (NetworkNamespace a = NetworkNamespace.named(lab.namespace("a").name());
                NetworkNamespace b = NetworkNamespace.named(lab.namespace("b").name());
                RawGreSocket sender = a.call(() -> RawGreSocket.open(RawGreSocket.Options.DEFAULTS));
                RawGreSocket receiver = b.call(() -> RawGreSocket.open(RawGreSocket.Options.DEFAULTS));
                PacketBatch out = new PacketBatch(1, 2048);
                PacketBatch in = new PacketBatch(64, 2048)) {
            for (int number = 0; number < PACKETS; number++) {
                int length = EnhancedGreHeader.write(out.segment(), out.slotOffset(0), 7, 32, true, number, false, 0);
                out.set(0, 0, length + 32, B, 0, 0);
                out.count(1);
                assertThat(sender.send(out, 0)).isEqualTo(1);
                out.clear();
            }
            return receive(receiver, in);
        }
    }

    /** Everything that arrives until the line has been quiet for a second. */
    private static List<Integer> receive(RawGreSocket receiver, PacketBatch in) {
        EnhancedGreHeader header = new EnhancedGreHeader();
        List<Integer> arrived = new ArrayList<>();
        while (receiver.awaitReceive(1_000_000_000L)) {
            int count = receiver.receive(in);
            for (int slot = 0; slot < count; slot++) {
                if (header.parse(in.segment(), in.packetOffset(slot), in.length(slot))) {
                    arrived.add(header.sequenceNumber());
                }
            }
        }
        return arrived;
    }

    private static int inversions(List<Integer> arrived) {
        int inversions = 0;
        for (int i = 1; i < arrived.size(); i++) {
            if (arrived.get(i) < arrived.get(i - 1)) {
                inversions++;
            }
        }
        return inversions;
    }
}
