package io.pptpgw.dataplane;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's routes: a packet from the kernel belongs to the client that owns its destination address. Client
 * addresses come from one pool, so the tunnel is an array element indexed by the address's offset in the pool.
 */
public final class PoolRoutes implements AddressRoutes {
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int DESTINATION_OFFSET = 16;

    private final int base;
    private final AtomicReferenceArray<Tunnel> byOffset;

    /** @param network the pool's network address; {@code size} its number of addresses */
    public PoolRoutes(int network, int size) {
        this.base = network;
        this.byOffset = new AtomicReferenceArray<>(size);
    }

    @Override
    public Tunnel route(MemorySegment packet, long offset, int length) {
        if (length < 20) {
            return null;
        }
        int index = packet.get(INT_BE, offset + DESTINATION_OFFSET) - base;
        return index >= 0 && index < byOffset.length() ? byOffset.getPlain(index) : null;
    }

    @Override
    public void add(int tunnelAddress, Tunnel tunnel) {
        byOffset.set(index(tunnelAddress), tunnel);
    }

    @Override
    public void remove(int tunnelAddress, Tunnel tunnel) {
        byOffset.compareAndSet(index(tunnelAddress), tunnel, null);
    }

    private int index(int address) {
        int index = address - base;
        if (index < 0 || index >= byOffset.length()) {
            throw new IllegalArgumentException("tunnel address " + io.pptpgw.sys.Ipv4.format(address)
                    + " is outside the pool of " + byOffset.length() + " addresses");
        }
        return index;
    }
}
