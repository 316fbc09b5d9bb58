package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.pptpgw.gre.PacketBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The native side of one direction of batched socket I/O: an array of {@code mmsghdr} for recvmmsg/sendmmsg, with
 * each message's {@code iovec}, {@code sockaddr_in} and control buffer, allocated once. Each call points the iovecs
 * at the slots of a {@link PacketBatch}; no packet bytes are copied. Pointers are written as 64-bit addresses.
 */
final class MessageVector implements AutoCloseable {
    static final ValueLayout.OfInt INT_NETWORK_ORDER = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    /* struct iovec { void *iov_base; size_t iov_len; }; */
    static final StructLayout IOVEC =
            MemoryLayout.structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

    /*
     * struct msghdr {
     *     void         *msg_name;
     *     socklen_t     msg_namelen;
     *     struct iovec *msg_iov;
     *     size_t        msg_iovlen;
     *     void         *msg_control;
     *     size_t        msg_controllen;
     *     int           msg_flags;
     * };
     * struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; };
     */
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));
    static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("msg_hdr"), JAVA_INT.withName("msg_len"), MemoryLayout.paddingLayout(4));

    /*
     * struct sockaddr_in {
     *     sa_family_t    sin_family;   host order
     *     in_port_t      sin_port;     network order; 0 for raw sockets
     *     struct in_addr sin_addr;     network order
     *     unsigned char  sin_zero[8];
     * };
     */
    static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_port"),
            INT_NETWORK_ORDER.withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero"));

    /* struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; unsigned char cmsg_data[]; }; */
    static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"), JAVA_INT.withName("cmsg_level"), JAVA_INT.withName("cmsg_type"));

    /* struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst; struct in_addr ipi_addr; }; */
    static final StructLayout IN_PKTINFO = MemoryLayout.structLayout(
            JAVA_INT.withName("ipi_ifindex"),
            INT_NETWORK_ORDER.withName("ipi_spec_dst"),
            INT_NETWORK_ORDER.withName("ipi_addr"));

    private static final long NAME = offset(MSGHDR, "msg_name");
    private static final long NAME_LENGTH = offset(MSGHDR, "msg_namelen");
    private static final long IOV = offset(MSGHDR, "msg_iov");
    private static final long IOV_LENGTH = offset(MSGHDR, "msg_iovlen");
    private static final long CONTROL = offset(MSGHDR, "msg_control");
    private static final long CONTROL_LENGTH = offset(MSGHDR, "msg_controllen");
    private static final long FLAGS = offset(MSGHDR, "msg_flags");
    private static final long MESSAGE_LENGTH = offset(MMSGHDR, "msg_len");
    private static final long SIN_ADDR = offset(SOCKADDR_IN, "sin_addr");
    private static final long PKTINFO_SPEC_DST = offset(IN_PKTINFO, "ipi_spec_dst");
    /** CMSG_SPACE(sizeof(struct in_pktinfo)) + CMSG_SPACE(sizeof(uint32_t)), rounded up. */
    static final int CONTROL_ROOM = 64;

    private final Arena arena = Arena.ofShared();
    private final int capacity;
    private final MemorySegment messages;
    private final MemorySegment iovecs;
    private final MemorySegment names;
    private final MemorySegment controls;

    MessageVector(int capacity) {
        if (ADDRESS.byteSize() != 8) {
            throw new IllegalStateException("only 64-bit platforms are supported");
        }
        this.capacity = capacity;
        this.messages = arena.allocate(MMSGHDR, capacity);
        this.iovecs = arena.allocate(IOVEC, capacity);
        this.names = arena.allocate(SOCKADDR_IN, capacity);
        this.controls = arena.allocate((long) CONTROL_ROOM * capacity, 8);
        for (int k = 0; k < capacity; k++) {
            names.set(JAVA_SHORT, k * SOCKADDR_IN.byteSize(), (short) Libc.AF_INET);
        }
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    int capacity() {
        return capacity;
    }

    MemorySegment messages() {
        return messages;
    }

    /** Points message {@code k} at the whole of slot {@code k}, with control room when marks are wanted. */
    void prepareReceive(PacketBatch batch, int count, boolean withControl) {
        long slab = batch.segment().address();
        for (int k = 0; k < count; k++) {
            long message = k * MMSGHDR.byteSize();
            point(message, k, slab + batch.slotOffset(k), batch.slotSize());
            messages.set(JAVA_LONG, message + NAME, 0L);
            messages.set(JAVA_INT, message + NAME_LENGTH, 0);
            messages.set(JAVA_LONG, message + CONTROL, withControl ? controls.address() + (long) k * CONTROL_ROOM : 0L);
            messages.set(JAVA_LONG, message + CONTROL_LENGTH, withControl ? CONTROL_ROOM : 0L);
        }
    }

    /**
     * Points message {@code k} at packet {@code from + k}, addressed to its remote address, with an IP_PKTINFO
     * control message choosing its source when it has a local address and an SO_MARK one when it has a mark.
     */
    void prepareSend(PacketBatch batch, int from, int count) {
        long slab = batch.segment().address();
        for (int k = 0; k < count; k++) {
            int slot = from + k;
            long message = k * MMSGHDR.byteSize();
            point(message, k, slab + batch.packetOffset(slot), batch.length(slot));
            long name = k * SOCKADDR_IN.byteSize();
            names.set(INT_NETWORK_ORDER, name + SIN_ADDR, batch.remoteAddress(slot));
            messages.set(JAVA_LONG, message + NAME, names.address() + name);
            messages.set(JAVA_INT, message + NAME_LENGTH, (int) SOCKADDR_IN.byteSize());
            long control = (long) k * CONTROL_ROOM;
            int used = 0;
            if (batch.localAddress(slot) != 0) {
                used += writeControl(control + used, Libc.IPPROTO_IP, Libc.IP_PKTINFO, (int) IN_PKTINFO.byteSize());
                controls.set(JAVA_INT, control + CMSGHDR.byteSize(), 0);
                controls.set(
                        INT_NETWORK_ORDER, control + CMSGHDR.byteSize() + PKTINFO_SPEC_DST, batch.localAddress(slot));
                controls.set(INT_NETWORK_ORDER, control + CMSGHDR.byteSize() + 8, 0);
            }
            if (batch.mark(slot) != 0) {
                long at = control + used;
                used += writeControl(at, Libc.SOL_SOCKET, Libc.SO_MARK, 4);
                controls.set(JAVA_INT, at + CMSGHDR.byteSize(), batch.mark(slot));
            }
            messages.set(JAVA_LONG, message + CONTROL, used == 0 ? 0L : controls.address() + control);
            messages.set(JAVA_LONG, message + CONTROL_LENGTH, used);
        }
    }

    private void point(long message, int k, long address, int length) {
        long iovec = k * IOVEC.byteSize();
        iovecs.set(JAVA_LONG, iovec, address);
        iovecs.set(JAVA_LONG, iovec + 8, length);
        messages.set(JAVA_LONG, message + IOV, iovecs.address() + iovec);
        messages.set(JAVA_LONG, message + IOV_LENGTH, 1L);
        messages.set(JAVA_INT, message + FLAGS, 0);
        messages.set(JAVA_INT, message + MESSAGE_LENGTH, 0);
    }

    /** Writes a cmsghdr for {@code dataLength} bytes and returns CMSG_SPACE(dataLength). */
    private int writeControl(long at, int level, int type, int dataLength) {
        controls.set(JAVA_LONG, at, CMSGHDR.byteSize() + dataLength);
        controls.set(JAVA_INT, at + 8, level);
        controls.set(JAVA_INT, at + 12, type);
        return (int) CMSGHDR.byteSize() + align(dataLength);
    }

    private static int align(int length) {
        return (length + 7) & ~7;
    }

    int messageLength(int k) {
        return messages.get(JAVA_INT, k * MMSGHDR.byteSize() + MESSAGE_LENGTH);
    }

    int flags(int k) {
        return messages.get(JAVA_INT, k * MMSGHDR.byteSize() + FLAGS);
    }

    /** The SO_MARK control message of received message {@code k}, or 0 without one. */
    int receivedMark(int k) {
        long length = messages.get(JAVA_LONG, k * MMSGHDR.byteSize() + CONTROL_LENGTH);
        long base = (long) k * CONTROL_ROOM;
        long at = 0;
        while (at + CMSGHDR.byteSize() <= length) {
            long cmsgLength = controls.get(JAVA_LONG, base + at);
            if (cmsgLength < CMSGHDR.byteSize() || at + cmsgLength > length) {
                return 0;
            }
            if (controls.get(JAVA_INT, base + at + 8) == Libc.SOL_SOCKET
                    && controls.get(JAVA_INT, base + at + 12) == Libc.SO_MARK
                    && cmsgLength >= CMSGHDR.byteSize() + 4) {
                return controls.get(JAVA_INT, base + at + CMSGHDR.byteSize());
            }
            at += align((int) cmsgLength);
        }
        return 0;
    }

    /** Writes a {@code sockaddr_in} for {@code address} (port 0) into {@code out}. */
    static void writeSocketAddress(MemorySegment out, int address) {
        out.fill((byte) 0);
        out.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
        out.set(INT_NETWORK_ORDER, SIN_ADDR, address);
    }

    @Override
    public void close() {
        arena.close();
    }
}
