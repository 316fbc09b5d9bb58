package io.pptpgw.dataplane;

import java.lang.foreign.MemorySegment;

/**
 * How the TUN worker finds the tunnel for an IP packet read from the TUN device. Written by event loops when links
 * come up and go down, read by the TUN worker for every packet without locks or allocation.
 */
public sealed interface AddressRoutes permits PoolRoutes, SourceRoutes {
    /** The tunnel for the IPv4 packet at {@code offset}, or null. */
    Tunnel route(MemorySegment packet, long offset, int length);

    void add(int tunnelAddress, Tunnel tunnel);

    void remove(int tunnelAddress, Tunnel tunnel);
}
