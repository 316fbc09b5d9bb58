package io.pptpgw.tun;

import static io.pptpgw.sys.TestNamespaces.exec;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.sys.Allocation;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.sys.NativeException;
import io.pptpgw.sys.NetworkNamespace;
import io.pptpgw.sys.TestNamespaces;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real TUN interface in a namespace of its own: configured by {@link LinuxTunDevice#open}, then the namespace's
 * {@code ping} to an address routed into it is answered by this test, which reads the echo request from the device
 * and writes the echo reply back.
 */
class LinuxTunDeviceIT {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    static TestNamespaces namespaces;
    static String ns;
    static NetworkNamespace namespace;

    @BeforeAll
    static void create() throws Exception {
        namespaces = TestNamespaces.requireRoot();
        ns = namespaces.create("tun");
        namespace = NetworkNamespace.named(ns);
    }

    @AfterAll
    static void delete() {
        if (namespace != null) {
            namespace.close();
        }
        if (namespaces != null) {
            namespaces.close();
        }
    }

    static TunSettings settings(String name) {
        return TunSettings.of(name, 1400)
                .withAddress(Ipv4Prefix.parse("10.77.0.1/24"))
                .withRoutes(List.of(Ipv4Prefix.parse("10.78.0.0/16")));
    }

    @Test
    void isConfiguredAndAnswersAPingRoutedIntoIt() throws Exception {
        String name = namespaces.interfaceName("t");
        try (LinuxTunDevice tun = namespace.call(() -> LinuxTunDevice.open(settings(name)))) {
            assertThat(exec(ns, "ip", "-o", "link", "show", "dev", name)).contains("mtu 1400", "<POINTOPOINT");
            assertThat(exec(ns, "ip", "-o", "link", "show", "dev", name)).containsPattern("[<,]UP[,>]");
            assertThat(exec(ns, "ip", "-o", "addr", "show", "dev", name)).contains("inet 10.77.0.1/24");
            assertThat(exec(ns, "ip", "route")).contains("10.78.0.0/16 dev " + name);
            // IPv4 only: no IPv6 address, so the kernel sends no router solicitations or MLD reports into it.
            assertThat(exec(ns, "cat", "/proc/sys/net/ipv6/conf/" + name + "/disable_ipv6"))
                    .isEqualToIgnoringWhitespace("1");
            assertThat(exec(ns, "ip", "-o", "addr", "show", "dev", name)).doesNotContain("inet6");

            Process ping = startPing("10.78.3.4", 1);
            answerEchoRequests(List.of(tun), Ipv4.parse("10.78.3.4"), 1);

            assertPingSucceeded(ping, 1);
        }
        assertThat(exec(ns, "ip", "-o", "link")).doesNotContain(name);
    }

    @Test
    void aMultiQueueDeviceServesEveryQueue() throws Exception {
        String name = namespaces.interfaceName("m");
        try (LinuxTunDevice first =
                        namespace.call(() -> LinuxTunDevice.open(settings(name).withMultiQueue(true)));
                LinuxTunDevice second = first.openQueue()) {
            assertThat(exec(ns, "ip", "-d", "link", "show", "dev", name)).contains("multi_queue");

            Process ping = startPing("10.78.9.9", 3);
            answerEchoRequests(List.of(first, second), Ipv4.parse("10.78.9.9"), 3);

            assertPingSucceeded(ping, 3);
        }
    }

    @Test
    void aSecondSingleQueueDeviceOfTheSameNameIsRefused() throws Exception {
        String name = namespaces.interfaceName("b");
        try (LinuxTunDevice tun = namespace.call(() -> LinuxTunDevice.open(TunSettings.of(name, 1400)))) {
            assertThatThrownBy(() -> namespace.call(() -> LinuxTunDevice.open(TunSettings.of(name, 1400))))
                    .isInstanceOf(NativeException.class)
                    .hasMessage("ioctl(TUNSETIFF) failed for TUN device \"" + name
                            + "\": EBUSY (16) Device or resource busy");
            assertThatThrownBy(tun::openQueue).hasMessageContaining("without IFF_MULTI_QUEUE");
        }
    }

    @Test
    void aClosedDeviceSaysSoAndAHeapBufferIsRefused() throws Exception {
        String name = namespaces.interfaceName("c");
        LinuxTunDevice tun = namespace.call(() -> LinuxTunDevice.open(TunSettings.of(name, 1400)));
        assertThatThrownBy(() -> tun.read(MemorySegment.ofArray(new byte[64]), 0, 64))
                .hasMessageContaining("native segment");
        tun.close();

        try (Arena arena = Arena.ofConfined()) {
            assertThat(tun.read(arena.allocate(64), 0, 64)).isEqualTo(TunDevice.CLOSED);
        }
        assertThat(tun.awaitReadable(-1)).isFalse();
    }

    @Test
    void readingAndWritingAllocatesNothingPerPacketOnceCompiled() throws Exception {
        String name = namespaces.interfaceName("f");
        exec(
                ns,
                "sysctl",
                "-qw",
                "net.ipv4.ip_forward=1",
                "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.conf.all.send_redirects=0",
                "net.ipv4.conf.default.send_redirects=0");
        try (LinuxTunDevice tun = namespace.call(() -> LinuxTunDevice.open(settings(name)));
                Arena arena = Arena.ofConfined()) {
            // A UDP datagram from one routed address to another: the kernel forwards it straight back into the TUN.
            MemorySegment datagram = arena.allocate(64);
            MemorySegment.copy(
                    io.pptpgw.testing.Hex.bytes(
                            "45000020 0000 4000 40 11 0000 0a4e0202 0a4e0101  0400 0401 000c 0000  70696e67"),
                    0,
                    datagram,
                    JAVA_BYTE,
                    0,
                    32);
            datagram.set(U16, 10, (short) checksum(datagram, 0, 20));
            MemorySegment buffer = arena.allocate(2048);
            int packets = 2_000;
            long allocated = Long.MAX_VALUE;
            for (int pass = 0; pass < 40 && allocated >= packets / 10; pass++) { // until the JIT is done
                long before = Allocation.bytes();
                forward(tun, datagram, buffer, packets);
                allocated = Allocation.since(before);
            }

            assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(packets / 10);
        }
    }

    /** Writes the datagram and reads until it came back, {@code packets} times; plain checks, no assertion objects. */
    private static void forward(TunDevice tun, MemorySegment datagram, MemorySegment buffer, int packets) {
        for (int i = 0; i < packets; i++) {
            if (tun.write(datagram, 0, 32) != 32) {
                throw new AssertionError("packet " + i + " was not written");
            }
            int length = 0;
            while (length != 32 || buffer.get(JAVA_BYTE, 9) != 17) {
                if (!tun.awaitReadable(TimeUnit.SECONDS.toNanos(5))) {
                    throw new AssertionError("packet " + i + " did not come back");
                }
                length = tun.read(buffer, 0, 2048);
            }
        }
    }

    static Process startPing(String target, int count) throws Exception {
        return new ProcessBuilder(
                        "ip", "netns", "exec", ns, "ping", "-n", "-c", "" + count, "-i", "0.2", "-W", "5", target)
                .redirectErrorStream(true)
                .start();
    }

    static void assertPingSucceeded(Process ping, int count) throws Exception {
        assertThat(ping.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ping.exitValue()).as(output).isZero();
        assertThat(output).contains(count + " received");
    }

    /** Reads from the queues until {@code count} echo requests to {@code target} were answered on their queue. */
    static void answerEchoRequests(List<LinuxTunDevice> queues, int target, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int answered = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(2048);
            while (answered < count && System.nanoTime() < deadline) {
                for (LinuxTunDevice queue : queues) {
                    queue.awaitReadable(TimeUnit.MILLISECONDS.toNanos(50));
                    int length = queue.read(packet, 0, 2048);
                    assertThat(length).isGreaterThanOrEqualTo(0);
                    if (length > 0 && turnEchoRequestIntoReply(packet, length, target)) {
                        assertThat(queue.write(packet, 0, length)).isEqualTo(length);
                        answered++;
                    }
                }
            }
        }
        assertThat(answered).isEqualTo(count);
    }

    /** RFC 792: swap the addresses, make the type Echo Reply (0), recompute the ICMP checksum. */
    static boolean turnEchoRequestIntoReply(MemorySegment packet, int length, int target) {
        int headerLength = (packet.get(JAVA_BYTE, 0) & 0x0F) * 4;
        boolean echoRequest = (packet.get(JAVA_BYTE, 0) & 0xF0) == 0x40
                && packet.get(JAVA_BYTE, 9) == 1
                && packet.get(U32, 16) == target
                && packet.get(JAVA_BYTE, headerLength) == 8;
        if (!echoRequest) {
            return false; // IPv6 router solicitations and the like
        }
        int source = packet.get(U32, 12);
        packet.set(U32, 12, target);
        packet.set(U32, 16, source); // the IP header checksum does not change when two words swap
        packet.set(JAVA_BYTE, headerLength, (byte) 0);
        packet.set(U16, headerLength + 2, (short) 0);
        packet.set(U16, headerLength + 2, (short) checksum(packet, headerLength, length));
        return true;
    }

    static int checksum(MemorySegment packet, int from, int to) {
        long sum = 0;
        for (int i = from; i + 1 < to; i += 2) {
            sum += Short.toUnsignedInt(packet.get(U16, i));
        }
        if ((to - from) % 2 == 1) {
            sum += (packet.get(JAVA_BYTE, to - 1) & 0xFF) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) ~sum & 0xFFFF;
    }
}
