package io.pptpgw.tun;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.pptpgw.sys.Errno;
import io.pptpgw.sys.Libc;
import io.pptpgw.sys.NativeException;
import io.pptpgw.sys.Poller;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Linux TUN interface through /dev/net/tun: IFF_TUN | IFF_NO_PI, so each read or write is exactly one IP packet,
 * non-blocking, with poll(2) and an eventfd for waiting. {@link #open} creates and configures the interface (MTU,
 * address and up by ioctl; routes by {@code ip route replace}) in the calling thread's network namespace; with
 * IFF_MULTI_QUEUE, {@link #openQueue()} attaches further queues, one per reading worker, among which the kernel
 * spreads packets by flow. The interface disappears when its last queue closes.
 */
public final class LinuxTunDevice implements TunDevice {
    /* _IOW('T', 202, int) */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_MULTI_QUEUE = 0x0100;

    /*
     * struct ifreq {
     *     char ifr_name[IFNAMSIZ];                 16 bytes, NUL-terminated
     *     union {
     *         struct sockaddr ifr_addr;            SIOCSIFADDR, SIOCSIFNETMASK (a sockaddr_in)
     *         short           ifr_flags;           TUNSETIFF, SIOCGIFFLAGS, SIOCSIFFLAGS
     *         int             ifr_mtu;             SIOCSIFMTU
     *         char            ifr_pad[24];
     *     };
     * };
     */
    static final StructLayout IFREQ = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("ifr_name"),
            MemoryLayout.unionLayout(
                            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("ifr_addr"),
                            JAVA_SHORT.withName("ifr_flags"),
                            JAVA_INT.withName("ifr_mtu"),
                            MemoryLayout.sequenceLayout(24, JAVA_BYTE).withName("ifr_pad"))
                    .withName("ifr_ifru"));
    static final long IFR_IFRU = IFREQ.byteOffset(MemoryLayout.PathElement.groupElement("ifr_ifru"));

    private final String name;
    private final int fd;
    private final boolean multiQueue;
    private final Poller poller;
    private volatile boolean closed;

    private LinuxTunDevice(String name, int fd, boolean multiQueue, Poller poller) {
        this.name = name;
        this.fd = fd;
        this.multiQueue = multiQueue;
        this.poller = poller;
    }

    /** Creates the interface and its first queue, then configures it. Needs CAP_NET_ADMIN. */
    public static LinuxTunDevice open(TunSettings settings) throws IOException {
        LinuxTunDevice device = attach(settings.name(), settings.multiQueue());
        try {
            InterfaceControl.configure(settings);
            return device;
        } catch (IOException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    /** Attaches one more queue to a multi-queue interface; its reader gets its share of the packets. */
    public LinuxTunDevice openQueue() throws NativeException {
        if (!multiQueue) {
            throw new IllegalStateException(
                    "TUN device " + name + " was created without IFF_MULTI_QUEUE, so it has exactly one queue");
        }
        return attach(name, true);
    }

    private static LinuxTunDevice attach(String name, boolean multiQueue) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = Libc.open(arena.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                throw new NativeException(
                        "open", Libc.errno(), "/dev/net/tun (is the tun module loaded and the device mounted?)");
            }
            MemorySegment request = ifreq(arena, name);
            request.set(JAVA_SHORT, IFR_IFRU, (short) (IFF_TUN | IFF_NO_PI | (multiQueue ? IFF_MULTI_QUEUE : 0)));
            if (Libc.ioctl(fd, TUNSETIFF, request) < 0) {
                int errno = Libc.errno();
                Libc.close(fd);
                throw new NativeException("ioctl(TUNSETIFF)", errno, "TUN device \"" + name + "\"");
            }
            try {
                return new LinuxTunDevice(name, fd, multiQueue, new Poller(fd));
            } catch (NativeException e) {
                Libc.close(fd);
                throw e;
            }
        }
    }

    /** An ifreq naming {@code name}, the rest zero. */
    static MemorySegment ifreq(Arena arena, String name) {
        MemorySegment request = arena.allocate(IFREQ);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, request, JAVA_BYTE, 0, bytes.length);
        return request;
    }

    /**
     * Sets the device's MTU, address and routes after it was opened, for a client that learns its address from
     * IPCP only after the data path (which needs the device) is running. In the calling thread's namespace.
     */
    public void configure(TunSettings settings) throws IOException {
        if (!settings.name().equals(name())) {
            throw new IllegalArgumentException("settings for " + settings.name() + " given to TUN device " + name());
        }
        InterfaceControl.configure(settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(MemorySegment buffer, long offset, int capacity) {
        if (closed) {
            return CLOSED;
        }
        long read = Libc.read(fd, address(buffer, offset, capacity), capacity);
        if (read >= 0) {
            return (int) read;
        }
        int errno = Libc.errno();
        return errno == Errno.EAGAIN || errno == Errno.EINTR ? 0 : -errno;
    }

    @Override
    public int write(MemorySegment buffer, long offset, int length) {
        if (closed) {
            return CLOSED;
        }
        long written = Libc.write(fd, address(buffer, offset, length), length);
        return written >= 0 ? (int) written : -Libc.errno();
    }

    private static long address(MemorySegment buffer, long offset, int length) {
        if (!buffer.isNative()) {
            throw new IllegalArgumentException("TUN I/O needs a native segment, not a heap one: " + buffer);
        }
        Objects.checkFromIndexSize(offset, length, buffer.byteSize());
        return buffer.address() + offset;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) {
        return !closed && poller.awaitReadable(timeoutNanos);
    }

    @Override
    public void wakeup() {
        if (!closed) {
            poller.wakeup();
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
        poller.close();
    }

    @Override
    public String toString() {
        return "LinuxTunDevice[" + name + " fd=" + fd + (multiQueue ? " multi-queue" : "") + "]";
    }
}
