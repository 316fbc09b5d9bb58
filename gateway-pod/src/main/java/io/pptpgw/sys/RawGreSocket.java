package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.GreSpec;
import io.pptpgw.gre.PacketBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * GRE through the kernel: {@code socket(AF_INET, SOCK_RAW, IPPROTO_GRE)}, non-blocking, batched with recvmmsg and
 * sendmmsg. Received packets keep their IP header in front (raw IPv4 sockets deliver it), which gives each packet's
 * source and destination address; sent packets get theirs from the kernel, with the source chosen per packet by an
 * IP_PKTINFO control message (so a reply leaves from the address the client dialled) and the firewall mark set per
 * packet by an SO_MARK control message (so a session's GRE follows its WAN's policy route).
 */
public final class RawGreSocket implements GreSocket {
    private static final ValueLayout.OfShort U16 = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int MINIMUM_IP_HEADER = 20;

    /**
     * @param bindAddress receive only GRE sent to this local address; 0 for all
     * @param receiveBufferBytes SO_RCVBUF(FORCE); 0 keeps the system default
     * @param sendBufferBytes SO_SNDBUF(FORCE); 0 keeps the system default
     * @param receiveMarks report each received packet's firewall mark (SO_RCVMARK, Linux 5.19)
     * @param allowFragmentation send without DF, so a tunnel packet larger than the path MTU is fragmented rather
     *     than refused
     * @param maximumBatch packets per recvmmsg/sendmmsg call
     */
    public record Options(
            int bindAddress,
            int receiveBufferBytes,
            int sendBufferBytes,
            boolean receiveMarks,
            boolean allowFragmentation,
            int maximumBatch) {
        public static final Options DEFAULTS = new Options(0, 4 << 20, 4 << 20, false, true, 64);

        public Options {
            if (receiveBufferBytes < 0 || sendBufferBytes < 0) {
                throw new IllegalArgumentException("socket buffer sizes " + receiveBufferBytes + " and "
                        + sendBufferBytes + " must not be negative");
            }
            if (maximumBatch < 1 || maximumBatch > 1024) {
                throw new IllegalArgumentException(
                        "maximum batch " + maximumBatch + " is outside 1..1024 (UIO_MAXIOV)");
            }
        }

        public Options withBindAddress(int address) {
            return new Options(
                    address, receiveBufferBytes, sendBufferBytes, receiveMarks, allowFragmentation, maximumBatch);
        }

        public Options withReceiveMarks(boolean enabled) {
            return new Options(
                    bindAddress, receiveBufferBytes, sendBufferBytes, enabled, allowFragmentation, maximumBatch);
        }
    }

    private final int fd;
    private final Options options;
    private final MessageVector receiving;
    private final MessageVector sending;
    private final Poller receiveWaiter;
    private final Poller sendWaiter;
    private volatile boolean closed;

    private RawGreSocket(int fd, Options options) throws NativeException {
        this.fd = fd;
        this.options = options;
        this.receiving = new MessageVector(options.maximumBatch());
        this.sending = new MessageVector(options.maximumBatch());
        this.receiveWaiter = new Poller(fd);
        this.sendWaiter = new Poller(fd);
    }

    /** Opens a socket in the calling thread's network namespace (see {@link NetworkNamespace}). */
    public static RawGreSocket open(Options options) throws NativeException {
        int fd = Libc.check(
                "socket",
                Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, GreSpec.IP_PROTOCOL));
        try {
            configure(fd, options);
            return new RawGreSocket(fd, options);
        } catch (NativeException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    private static void configure(int fd, Options options) throws NativeException {
        if (options.receiveBufferBytes() > 0) {
            setBufferSize(fd, Libc.SO_RCVBUFFORCE, Libc.SO_RCVBUF, options.receiveBufferBytes());
        }
        if (options.sendBufferBytes() > 0) {
            setBufferSize(fd, Libc.SO_SNDBUFFORCE, Libc.SO_SNDBUF, options.sendBufferBytes());
        }
        if (options.allowFragmentation()) {
            setOption(fd, Libc.IPPROTO_IP, Libc.IP_MTU_DISCOVER, Libc.IP_PMTUDISC_DONT, "IP_MTU_DISCOVER");
        }
        if (options.receiveMarks()) {
            setOption(fd, Libc.SOL_SOCKET, Libc.SO_RCVMARK, 1, "SO_RCVMARK (Linux 5.19 or later)");
        }
        if (options.bindAddress() != 0) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment address = arena.allocate(MessageVector.SOCKADDR_IN);
                MessageVector.writeSocketAddress(address, options.bindAddress());
                if (Libc.bind(fd, address, (int) address.byteSize()) < 0) {
                    throw new NativeException(
                            "bind", Libc.errno(), "GRE socket on " + Ipv4.format(options.bindAddress()));
                }
            }
        }
    }

    /** The FORCE variant passes the rmem_max/wmem_max limits but needs CAP_NET_ADMIN; without it, ask within them. */
    private static void setBufferSize(int fd, int force, int plain, int bytes) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom(JAVA_INT, bytes);
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, force, value, 4) == 0) {
                return;
            }
            if (Libc.errno() != Errno.EPERM) {
                throw new NativeException("setsockopt", Libc.errno(), "socket buffer of " + bytes + " bytes");
            }
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, plain, value, 4) < 0) {
                throw new NativeException("setsockopt", Libc.errno(), "socket buffer of " + bytes + " bytes");
            }
        }
    }

    private static void setOption(int fd, int level, int name, int value, String what) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            if (Libc.setsockopt(fd, level, name, arena.allocateFrom(JAVA_INT, value), 4) < 0) {
                throw new NativeException("setsockopt", Libc.errno(), what + " = " + value);
            }
        }
    }

    @Override
    public int receive(PacketBatch batch) {
        batch.clear();
        if (closed) {
            return CLOSED;
        }
        int count = Math.min(batch.capacity(), receiving.capacity());
        receiving.prepareReceive(batch, count, options.receiveMarks());
        int received = Libc.recvmmsg(fd, receiving.messages(), count, Libc.MSG_DONTWAIT, MemorySegment.NULL);
        if (received < 0) {
            int errno = Libc.errno();
            return errno == Errno.EAGAIN || errno == Errno.EINTR ? 0 : -errno;
        }
        for (int k = 0; k < received; k++) {
            describeReceived(batch, k);
        }
        batch.count(received);
        return received;
    }

    /** Finds the GRE packet behind the IP header the kernel left in slot {@code k}; an empty packet if malformed. */
    private void describeReceived(PacketBatch batch, int k) {
        MemorySegment slab = batch.segment();
        long at = batch.slotOffset(k);
        int received = receiving.messageLength(k);
        int versionAndLength = received > 0 ? slab.get(JAVA_BYTE, at) & 0xFF : 0;
        int headerLength = (versionAndLength & 0x0F) * 4;
        int totalLength = received >= MINIMUM_IP_HEADER ? Short.toUnsignedInt(slab.get(U16, at + 2)) : 0;
        if (versionAndLength >>> 4 != 4
                || headerLength < MINIMUM_IP_HEADER
                || headerLength > Math.min(received, totalLength)) {
            batch.set(k, 0, 0, 0, 0, 0);
            batch.status(k, Errno.EINVAL);
            return;
        }
        int end = Math.min(received, totalLength);
        int mark = options.receiveMarks() ? receiving.receivedMark(k) : 0;
        batch.set(k, headerLength, end - headerLength, slab.get(U32, at + 12), slab.get(U32, at + 16), mark);
        if ((receiving.flags(k) & Libc.MSG_TRUNC) != 0) {
            batch.status(k, Errno.EMSGSIZE);
        }
    }

    @Override
    public int send(PacketBatch batch, int from) {
        if (closed) {
            return CLOSED;
        }
        int next = from;
        while (next < batch.count()) {
            int count = Math.min(batch.count() - next, sending.capacity());
            sending.prepareSend(batch, next, count);
            int sent = Libc.sendmmsg(fd, sending.messages(), count, Libc.MSG_DONTWAIT);
            if (sent > 0) {
                for (int k = 0; k < sent; k++) {
                    batch.status(next + k, 0);
                }
                next += sent;
                continue;
            }
            int errno = Libc.errno();
            if (errno == Errno.EAGAIN) {
                return next;
            }
            if (errno == Errno.EBADF || errno == Errno.ENOTSOCK || errno == Errno.EFAULT) {
                return -errno;
            }
            if (errno != Errno.EINTR) {
                batch.status(next++, errno); // refused by the network (no route, a firewall): this packet only
            }
        }
        return next;
    }

    @Override
    public boolean awaitReceive(long timeoutNanos) {
        return !closed && receiveWaiter.awaitReadable(timeoutNanos);
    }

    @Override
    public boolean awaitSend(long timeoutNanos) {
        return !closed && sendWaiter.awaitWritable(timeoutNanos);
    }

    @Override
    public void wakeup() {
        if (!closed) {
            receiveWaiter.wakeup();
            sendWaiter.wakeup();
        }
    }

    /** The receive buffer the kernel granted (it reports twice what was asked, for its bookkeeping). */
    public int receiveBufferBytes() throws NativeException {
        return intOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF);
    }

    public int sendBufferBytes() throws NativeException {
        return intOption(Libc.SOL_SOCKET, Libc.SO_SNDBUF);
    }

    private int intOption(int level, int name) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
            Libc.check("getsockopt", Libc.getsockopt(fd, level, name, value, length));
            return value.get(JAVA_INT, 0);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        wakeup();
        closed = true;
        Libc.close(fd);
        receiveWaiter.close();
        sendWaiter.close();
        receiving.close();
        sending.close();
    }

    @Override
    public String toString() {
        return "RawGreSocket[fd=" + fd + (options.bindAddress() != 0 ? " " + Ipv4.format(options.bindAddress()) : "")
                + "]";
    }
}
