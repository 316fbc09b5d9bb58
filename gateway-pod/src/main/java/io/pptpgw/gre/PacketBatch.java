package io.pptpgw.gre;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A batch of GRE packets in one off-heap slab of fixed-size slots, allocated once and reused for every batch a worker
 * receives or sends. Slot {@code i} starts at {@link #slotOffset}; its packet is {@link #length} bytes at {@link
 * #offset} within the slot, so a receiver can leave the IP header in front and a sender can leave headroom.
 * Addresses are IPv4 addresses as {@code int}s in network order ({@code 10.0.0.1} is {@code 0x0A000001}).
 *
 * <p>Per slot: remote address (the peer: source on receive, destination on send), local address (ours: destination
 * on receive; the source to send from, or 0 to let routing choose), firewall mark (0 for none), and status: 0, or an
 * errno (on send, why the network refused the packet; on receive, EMSGSIZE for a packet cut to the slot and EINVAL
 * for one whose IP header made no sense, left empty). One thread owns a batch at a time.
 */
public final class PacketBatch implements AutoCloseable {
    private final Arena arena;
    private final MemorySegment slab;
    private final int capacity;
    private final int slotSize;
    private final int[] offset;
    private final int[] length;
    private final int[] remoteAddress;
    private final int[] localAddress;
    private final int[] mark;
    private final int[] status;
    private int count;

    public PacketBatch(int capacity, int slotSize) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("batch capacity " + capacity + " is outside 1..1024 (UIO_MAXIOV)");
        }
        if (slotSize < GreSpec.MAXIMUM_HEADER_LENGTH || slotSize > 65_536) {
            throw new IllegalArgumentException("slot size " + slotSize + " is outside " + GreSpec.MAXIMUM_HEADER_LENGTH
                    + "..65536 (one IP datagram)");
        }
        this.arena = Arena.ofShared();
        this.slab = arena.allocate((long) capacity * slotSize, 64);
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.offset = new int[capacity];
        this.length = new int[capacity];
        this.remoteAddress = new int[capacity];
        this.localAddress = new int[capacity];
        this.mark = new int[capacity];
        this.status = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    public int slotSize() {
        return slotSize;
    }

    /** The whole slab; every offset of this class is in its coordinates. */
    public MemorySegment segment() {
        return slab;
    }

    public long slotOffset(int slot) {
        return (long) Objects.checkIndex(slot, capacity) * slotSize;
    }

    /** Where the packet of {@code slot} starts in {@link #segment()}: {@code slotOffset(slot) + offset(slot)}. */
    public long packetOffset(int slot) {
        return slotOffset(slot) + offset[slot];
    }

    /** How many slots, from 0, hold packets. */
    public int count() {
        return count;
    }

    public void count(int count) {
        if (count < 0 || count > capacity) {
            throw new IllegalArgumentException("count " + count + " is outside 0.." + capacity);
        }
        this.count = count;
    }

    /** Forgets the packets; the slots keep their bytes until overwritten. */
    public void clear() {
        count = 0;
    }

    /** Fills in one outgoing packet's metadata: its bytes are {@code length} at {@code offset} in the slot. */
    public void set(int slot, int offset, int length, int remoteAddress, int localAddress, int mark) {
        if (offset < 0 || length < 0 || offset > slotSize - length) {
            throw new IllegalArgumentException("packet of " + length + " bytes at offset " + offset
                    + " does not fit a slot of " + slotSize + " bytes");
        }
        this.offset[slot] = offset;
        this.length[slot] = length;
        this.remoteAddress[slot] = remoteAddress;
        this.localAddress[slot] = localAddress;
        this.mark[slot] = mark;
        this.status[slot] = 0;
    }

    public int offset(int slot) {
        return offset[slot];
    }

    public int length(int slot) {
        return length[slot];
    }

    public int remoteAddress(int slot) {
        return remoteAddress[slot];
    }

    public int localAddress(int slot) {
        return localAddress[slot];
    }

    public int mark(int slot) {
        return mark[slot];
    }

    /** 0, or an errno about this packet (see the class comment). */
    public int status(int slot) {
        return status[slot];
    }

    public void status(int slot, int errno) {
        status[slot] = errno;
    }

    /** Frees the slab. The batch must not be used afterwards. */
    @Override
    public void close() {
        arena.close();
    }
}
