package io.pptpgw.dataplane;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A client's routes: everything the kernel (or the in-process packet source) hands us goes out through the tunnel
 * whose address is the packet's source. A client holds few tunnels, so a scan of a small copy-on-write array is
 * the fastest lookup.
 */
public final class SourceRoutes implements AddressRoutes {
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int SOURCE_OFFSET = 12;

    private record Entry(int address, Tunnel tunnel) {}

    private volatile Entry[] entries = new Entry[0];

    @Override
    public Tunnel route(MemorySegment packet, long offset, int length) {
        if (length < 20) {
            return null;
        }
        Entry[] current = entries;
        if (current.length == 1) {
            return current[0].tunnel; // one tunnel: whatever the kernel routed to us is for it
        }
        int source = packet.get(INT_BE, offset + SOURCE_OFFSET);
        for (Entry entry : current) {
            if (entry.address == source) {
                return entry.tunnel;
            }
        }
        return null;
    }

    @Override
    public synchronized void add(int tunnelAddress, Tunnel tunnel) {
        Entry[] next = Arrays.copyOf(entries, entries.length + 1);
        next[entries.length] = new Entry(tunnelAddress, tunnel);
        entries = next;
    }

    @Override
    public synchronized void remove(int tunnelAddress, Tunnel tunnel) {
        entries = Arrays.stream(entries)
                .filter(e -> !(e.address == tunnelAddress && e.tunnel == tunnel))
                .toArray(Entry[]::new);
    }
}
