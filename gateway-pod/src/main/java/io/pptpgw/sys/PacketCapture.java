package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.ByteOrder;

/**
 * IPv4 packets as they arrive on the host's interfaces, before routing and the firewall see them: a packet socket
 * ({@code socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP))}, packet(7)) that delivers each packet from its IP header
 * on, with the interface it came in on. Packets the host sends itself are not captured (PACKET_IGNORE_OUTGOING).
 * Capturing does not take a packet away from the kernel: a router still forwards (or its firewall drops) what is
 * captured here. Non-blocking; one thread reads.
 */
public final class PacketCapture implements AutoCloseable {
    /*
     * struct sockaddr_ll {
     *     unsigned short sll_family;
     *     unsigned short sll_protocol;   network order
     *     int            sll_ifindex;
     *     unsigned short sll_hatype;
     *     unsigned char  sll_pkttype;
     *     unsigned char  sll_halen;
     *     unsigned char  sll_addr[8];
     * };
     */
    private static final StructLayout SOCKADDR_LL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sll_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sll_protocol"),
            JAVA_INT.withName("sll_ifindex"),
            JAVA_SHORT.withName("sll_hatype"),
            JAVA_BYTE.withName("sll_pkttype"),
            JAVA_BYTE.withName("sll_halen"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sll_addr"));
    private static final long INTERFACE = SOCKADDR_LL.byteOffset(MemoryLayout.PathElement.groupElement("sll_ifindex"));

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sender = arena.allocate(SOCKADDR_LL);
    private final MemorySegment senderLength = arena.allocate(JAVA_INT);
    private final Poller waiter;

    private PacketCapture(int fd) throws NativeException {
        this.fd = fd;
        this.waiter = new Poller(fd);
    }

    /**
     * Captures on every interface of the calling thread's network namespace; needs CAP_NET_RAW (and CAP_NET_ADMIN for
     * a receive buffer beyond net.core.rmem_max).
     *
     * @param receiveBufferBytes room for packets waiting to be read (SO_RCVBUFFORCE): a burst beyond it is lost
     */
    public static PacketCapture open(int receiveBufferBytes) throws NativeException {
        int fd = Libc.check(
                "socket",
                Libc.socket(
                        Libc.AF_PACKET,
                        Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC,
                        Short.toUnsignedInt(Short.reverseBytes((short) Libc.ETH_P_IP))));
        try (Arena local = Arena.ofConfined()) {
            if (Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_IGNORE_OUTGOING, local.allocateFrom(JAVA_INT, 1), 4)
                    < 0) {
                throw new NativeException("setsockopt", Libc.errno(), "PACKET_IGNORE_OUTGOING (Linux 4.20 or later)");
            }
            MemorySegment bytes = local.allocateFrom(JAVA_INT, receiveBufferBytes);
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, bytes, 4) < 0
                    && Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes, 4) < 0) {
                throw new NativeException("setsockopt", Libc.errno(), "receive buffer of " + receiveBufferBytes);
            }
            return new PacketCapture(fd);
        } catch (NativeException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The index of the interface {@code name} in the calling thread's network namespace. */
    public static int interfaceIndex(String name) throws NativeException {
        try (Arena local = Arena.ofConfined()) {
            int index = Libc.ifNameToIndex(local.allocateFrom(name));
            if (index == 0) {
                throw new NativeException("if_nametoindex", Libc.errno(), "interface " + name);
            }
            return index;
        }
    }

    /**
     * Reads the next captured packet, from its IP header on, into the native {@code buffer} at {@code offset}.
     *
     * @return its length (truncated to {@code capacity}), 0 when none is waiting, or a negative errno
     */
    public int read(MemorySegment buffer, long offset, int capacity) {
        senderLength.set(JAVA_INT, 0, (int) SOCKADDR_LL.byteSize());
        long read = Libc.recvfrom(fd, buffer.address() + offset, capacity, Libc.MSG_DONTWAIT, sender, senderLength);
        if (read < 0) {
            int errno = Libc.errno();
            return errno == Errno.EAGAIN || errno == Errno.EINTR ? 0 : -errno;
        }
        return (int) read;
    }

    /** The interface the packet last {@link #read} came in on. */
    public int lastInterfaceIndex() {
        return sender.get(JAVA_INT, INTERFACE);
    }

    /** Waits until a packet can be read, the time-out passes (negative: no limit), or {@link #wakeup()}. */
    public boolean awaitReadable(long timeoutNanos) {
        return waiter.awaitReadable(timeoutNanos);
    }

    /** Any thread: makes a current or the next wait return at once. */
    public void wakeup() {
        waiter.wakeup();
    }

    @Override
    public void close() {
        Libc.close(fd);
        waiter.close();
        arena.close();
    }
}
