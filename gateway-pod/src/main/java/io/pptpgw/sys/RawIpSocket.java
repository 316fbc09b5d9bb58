package io.pptpgw.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Sends complete IPv4 packets, header and all: {@code socket(AF_INET, SOCK_RAW, IPPROTO_RAW)}, which implies
 * IP_HDRINCL (raw(7)). The kernel routes each packet by its destination, fills in the header checksum and total
 * length, and keeps the source address as given, even when it is not one of the host's own: a router that re-sends a
 * packet it captured keeps the packet's sender. Needs CAP_NET_RAW. One thread sends.
 */
public final class RawIpSocket implements AutoCloseable {
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment destination = arena.allocate(MessageVector.SOCKADDR_IN);

    private RawIpSocket(int fd) {
        this.fd = fd;
    }

    public static RawIpSocket open() throws NativeException {
        return new RawIpSocket(
                Libc.check("socket", Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_RAW)));
    }

    /**
     * Sends the IPv4 packet of {@code length} octets at {@code offset} of the native {@code packet} to the destination
     * in its header. Blocks while
     * the socket's send queue is full.
     *
     * @return {@code length}, or a negative errno (the network refused it: no route, a firewall, too big)
     */
    public int send(MemorySegment packet, long offset, int length) {
        if (length < 20) {
            return -Errno.EINVAL;
        }
        int destinationAddress = packet.get(MessageVector.INT_NETWORK_ORDER.withByteAlignment(1), offset + 16);
        MessageVector.writeSocketAddress(destination, destinationAddress);
        long sent = Libc.sendto(
                fd, packet.address() + offset, length, 0, destination, (int) MessageVector.SOCKADDR_IN.byteSize());
        return sent < 0 ? -Libc.errno() : (int) sent;
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
