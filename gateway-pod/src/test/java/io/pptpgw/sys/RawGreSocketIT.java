package io.pptpgw.sys;

import static io.pptpgw.sys.TestNamespaces.exec;
import static io.pptpgw.sys.TestNamespaces.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.PacketBatch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The raw GRE socket against the real kernel: namespace A sends to namespace B over two veth pairs. The first pair
 * (a0-b0, 192.0.2.0/24) is the main route; the second (a1-b1, 198.51.100.0/24) is where A's policy routing sends
 * packets marked 0x101, and B's prerouting marks whatever arrives on b1 with 0x202, so the mark a packet was sent
 * with shows in the mark it is received with.
 */
class RawGreSocketIT {
    static final int A = Ipv4.parse("192.0.2.1");
    static final int A_SECOND = Ipv4.parse("192.0.2.11");
    static final int A_MARKED_PATH = Ipv4.parse("198.51.100.1");
    static final int B = Ipv4.parse("192.0.2.2");
    static final int B_MARKED_PATH = Ipv4.parse("198.51.100.2");
    static final int WAN_MARK = 0x101;
    static final int ARRIVED_ON_B1 = 0x202;

    static TestNamespaces namespaces;
    static NetworkNamespace a;
    static NetworkNamespace b;
    static String nsA;
    static String nsB;

    @BeforeAll
    static void buildTopology() throws Exception {
        namespaces = TestNamespaces.requireRoot();
        nsA = namespaces.create("a");
        nsB = namespaces.create("b");
        run("ip", "-n", nsA, "link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", nsB);
        run("ip", "-n", nsA, "link", "add", "a1", "type", "veth", "peer", "name", "b1", "netns", nsB);
        exec(nsA, "sh", "-ec", """
                ip link set a0 up; ip link set a1 up
                ip addr add 192.0.2.1/24 dev a0; ip addr add 192.0.2.11/32 dev a0
                ip addr add 198.51.100.1/24 dev a1
                ip rule add fwmark 0x101 lookup 101
                ip route add 192.0.2.2/32 dev a1 table 101
                nft add table ip sysgre
                nft add chain ip sysgre out '{ type filter hook output priority 0; }'
                nft add rule ip sysgre out meta l4proto gre meta mark 0x101 counter
                """);
        exec(nsB, "sh", "-ec", """
                ip link set b0 up; ip link set b1 up
                ip addr add 192.0.2.2/24 dev b0; ip addr add 198.51.100.2/24 dev b1
                sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
                sysctl -qw net.ipv4.conf.b0.rp_filter=0 net.ipv4.conf.b1.rp_filter=0
                nft add table ip sysgre
                nft add chain ip sysgre pre '{ type filter hook prerouting priority -150; }'
                nft add rule ip sysgre pre iifname b1 meta mark set 0x202
                """);
        a = NetworkNamespace.named(nsA);
        b = NetworkNamespace.named(nsB);
    }

    @AfterAll
    static void tearDown() {
        if (a != null) {
            a.close();
            b.close();
        }
        if (namespaces != null) {
            namespaces.close();
        }
    }

    static RawGreSocket open(NetworkNamespace namespace, RawGreSocket.Options options) throws Exception {
        return namespace.call(() -> RawGreSocket.open(options));
    }

    /** Packet {@code i}: a GRE data header with call id {@code i} and sequence {@code i}, then "packet i". */
    static void put(PacketBatch batch, int i, int remote, int local, int mark) {
        byte[] payload = ("packet " + i).getBytes(StandardCharsets.US_ASCII);
        int headroom = 32;
        long at = batch.slotOffset(i) + headroom;
        int header = EnhancedGreHeader.write(batch.segment(), at, i, payload.length, true, i, false, 0);
        MemorySegment.copy(payload, 0, batch.segment(), ValueLayout.JAVA_BYTE, at + header, payload.length);
        batch.set(i, headroom, header + payload.length, remote, local, mark);
    }

    /** Receives until {@code expected} packets came or five seconds passed; keyed by call id. */
    static Map<Integer, Received> receive(GreSocket socket, int expected) {
        return receive(socket, expected, Duration.ofSeconds(5));
    }

    static Map<Integer, Received> receive(GreSocket socket, int expected, Duration patience) {
        Map<Integer, Received> byCallId = new HashMap<>();
        EnhancedGreHeader header = new EnhancedGreHeader();
        long deadline = System.nanoTime() + patience.toNanos();
        try (PacketBatch in = new PacketBatch(64, 2048)) {
            while (byCallId.size() < expected && System.nanoTime() < deadline) {
                socket.awaitReceive(TimeUnit.MILLISECONDS.toNanos(100));
                int count = socket.receive(in);
                assertThat(count).isGreaterThanOrEqualTo(0);
                for (int i = 0; i < count; i++) {
                    assertThat(header.parse(in.segment(), in.packetOffset(i), in.length(i)))
                            .as("packet %d: %s", i, header.lastDropReason())
                            .isTrue();
                    byte[] payload = in.segment()
                            .asSlice(header.payloadOffset(), header.payloadLength())
                            .toArray(ValueLayout.JAVA_BYTE);
                    byCallId.put(
                            header.callId(),
                            new Received(
                                    new String(payload, StandardCharsets.US_ASCII),
                                    header.sequenceNumber(),
                                    in.offset(i),
                                    in.remoteAddress(i),
                                    in.localAddress(i),
                                    in.mark(i)));
                }
            }
        }
        return byCallId;
    }

    record Received(String payload, int sequenceNumber, int offset, int remote, int local, int mark) {}

    static long markedPacketsCounted() {
        Matcher matcher = Pattern.compile("counter packets (\\d+)")
                .matcher(exec(nsA, "nft", "list", "chain", "ip", "sysgre", "out"));
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void aBatchArrivesWithItsPayloadsAndTheSourceEachPacketAskedFor() throws Exception {
        try (RawGreSocket sender = open(a, RawGreSocket.Options.DEFAULTS);
                RawGreSocket receiver = open(b, RawGreSocket.Options.DEFAULTS);
                PacketBatch out = new PacketBatch(16, 256)) {
            for (int i = 0; i < 16; i++) {
                put(out, i, B, i % 2 == 0 ? 0 : A_SECOND, 0);
            }
            out.count(16);

            assertThat(sender.send(out, 0)).isEqualTo(16);

            Map<Integer, Received> received = receive(receiver, 16);
            assertThat(received).hasSize(16);
            for (int i = 0; i < 16; i++) {
                Received packet = received.get(i);
                assertThat(packet.payload()).isEqualTo("packet " + i);
                assertThat(packet.sequenceNumber()).isEqualTo(i);
                assertThat(packet.offset()).as("the IP header stays in front").isEqualTo(20);
                assertThat(Ipv4.format(packet.remote())).isEqualTo(Ipv4.format(i % 2 == 0 ? A : A_SECOND));
                assertThat(Ipv4.format(packet.local())).isEqualTo(Ipv4.format(B));
                assertThat(out.status(i)).isZero();
            }
        }
    }

    @Test
    void eachPacketsMarkPicksItsPolicyRoute() throws Exception {
        RawGreSocket.Options marks = RawGreSocket.Options.DEFAULTS.withReceiveMarks(true);
        long countedBefore = markedPacketsCounted();
        try (RawGreSocket sender = open(a, RawGreSocket.Options.DEFAULTS);
                RawGreSocket receiver = open(b, marks);
                PacketBatch out = new PacketBatch(8, 256)) {
            for (int i = 0; i < 8; i++) {
                put(out, i, B, i == 6 ? A_SECOND : 0, i % 2 == 0 ? WAN_MARK : 0);
            }
            out.count(8);

            assertThat(sender.send(out, 0)).isEqualTo(8);

            Map<Integer, Received> received = receive(receiver, 8);
            assertThat(received).hasSize(8);
            for (int i = 0; i < 8; i++) {
                boolean marked = i % 2 == 0;
                Received packet = received.get(i);
                assertThat(packet.mark()).as("packet %d", i).isEqualTo(marked ? ARRIVED_ON_B1 : 0);
                int expectedSource = i == 6 ? A_SECOND : marked ? A_MARKED_PATH : A;
                assertThat(Ipv4.format(packet.remote())).as("packet %d", i).isEqualTo(Ipv4.format(expectedSource));
            }
        }
        assertThat(markedPacketsCounted() - countedBefore).isEqualTo(4);
    }

    @Test
    void aPacketWithoutARouteIsRefusedAloneAndTheRestGoOut() throws Exception {
        try (RawGreSocket sender = open(a, RawGreSocket.Options.DEFAULTS);
                RawGreSocket receiver = open(b, RawGreSocket.Options.DEFAULTS);
                PacketBatch out = new PacketBatch(3, 256)) {
            put(out, 0, B, 0, 0);
            put(out, 1, Ipv4.parse("203.0.113.9"), 0, 0);
            put(out, 2, B, 0, 0);
            out.count(3);

            assertThat(sender.send(out, 0)).isEqualTo(3);

            assertThat(out.status(1)).isEqualTo(101); // ENETUNREACH
            assertThat(out.status(0)).isZero();
            assertThat(out.status(2)).isZero();
            assertThat(receive(receiver, 2)).containsOnlyKeys(0, 2);
        }
    }

    @Test
    void batchesLargerThanOneSystemCallAllArrive() throws Exception {
        RawGreSocket.Options small = new RawGreSocket.Options(0, 1 << 22, 1 << 22, false, true, 8);
        try (RawGreSocket sender = open(a, small);
                RawGreSocket receiver = open(b, small);
                PacketBatch out = new PacketBatch(200, 128)) {
            for (int i = 0; i < 200; i++) {
                put(out, i, B, 0, 0);
            }
            out.count(200);

            assertThat(sender.send(out, 0)).isEqualTo(200);

            assertThat(receive(receiver, 200)).hasSize(200);
        }
    }

    @Test
    void aBoundSocketOnlyReceivesGreForItsAddress() throws Exception {
        try (RawGreSocket sender = open(a, RawGreSocket.Options.DEFAULTS);
                RawGreSocket bound = open(b, RawGreSocket.Options.DEFAULTS.withBindAddress(B_MARKED_PATH));
                PacketBatch out = new PacketBatch(2, 256)) {
            put(out, 0, B, 0, 0);
            put(out, 1, B_MARKED_PATH, 0, 0);
            out.count(2);

            sender.send(out, 0);

            Map<Integer, Received> received = receive(bound, 2, Duration.ofMillis(500));
            assertThat(received).containsOnlyKeys(1);
            assertThat(Ipv4.format(received.get(1).local())).isEqualTo(Ipv4.format(B_MARKED_PATH));
        }
    }

    @Test
    void aWakeupEndsAnOpenEndedWaitAndTheBuffersAreWhatWasAsked() throws Exception {
        try (RawGreSocket receiver = open(b, RawGreSocket.Options.DEFAULTS)) {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> receiver.awaitReceive(-1));
            Thread.sleep(50);

            receiver.wakeup();

            assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(receiver.awaitReceive(Duration.ofMillis(10).toNanos())).isFalse();
            // The kernel reports double what was set, for its own bookkeeping (socket(7)).
            assertThat(receiver.receiveBufferBytes()).isEqualTo(2 * (4 << 20));
            assertThat(receiver.sendBufferBytes()).isEqualTo(2 * (4 << 20));
        }
    }

    /**
     * Once compiled, a batch costs at most a few small objects, not one per packet: the JDK slices the errno capture
     * segment on every downcall and C2 scalar-replaces that slice only where its escape analysis reaches (here it
     * leaves about two 40-byte slices per round of four system calls). Bytes per packet, not time.
     */
    @Test
    void sendingAndReceivingCostsNoAllocationPerPacketOnceCompiled() throws Exception {
        try (RawGreSocket sender = open(a, RawGreSocket.Options.DEFAULTS);
                RawGreSocket receiver = open(b, RawGreSocket.Options.DEFAULTS.withReceiveMarks(true));
                PacketBatch out = new PacketBatch(64, 256);
                PacketBatch in = new PacketBatch(64, 256)) {
            for (int i = 0; i < 64; i++) {
                put(out, i, B, i % 2 == 0 ? A_SECOND : 0, i % 3 == 0 ? WAN_MARK : 0);
            }
            out.count(64);
            int rounds = 300;
            long packets = 64L * rounds;

            long allocated = Long.MAX_VALUE;
            for (int pass = 0; pass < 40 && allocated >= 2 * packets; pass++) { // until the JIT is done
                long before = Allocation.bytes();
                exchange(sender, receiver, out, in, rounds);
                allocated = Allocation.since(before);
            }

            assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(2 * packets);
        }
    }

    private static void exchange(GreSocket sender, GreSocket receiver, PacketBatch out, PacketBatch in, int rounds) {
        for (int round = 0; round < rounds; round++) {
            // Plain checks: an assertion object per round would be the very allocation measured.
            if (sender.send(out, 0) != 64) {
                throw new AssertionError("round " + round + ": the batch did not go out whole");
            }
            for (int got = 0; got < 64; ) {
                if (!receiver.awaitReceive(TimeUnit.SECONDS.toNanos(5))) {
                    throw new AssertionError("round " + round + ": " + got + " of 64 packets came");
                }
                got += receiver.receive(in);
            }
        }
    }

    @Test
    void aClosedSocketSaysSo() throws Exception {
        RawGreSocket socket = open(b, RawGreSocket.Options.DEFAULTS);
        socket.close();

        try (PacketBatch batch = new PacketBatch(1, 64)) {
            assertThat(socket.receive(batch)).isEqualTo(GreSocket.CLOSED);
            assertThat(socket.send(batch, 0)).isEqualTo(GreSocket.CLOSED);
        }
        assertThat(socket.awaitReceive(-1)).isFalse();
    }
}
