package io.pptpgw.gre;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Fixed-size packet slots in one off-heap slab, handed out and taken back without allocating. One pool serves the
 * reorder buffers of every session a receive worker owns, so memory is bounded per worker rather than per session;
 * like the buffers themselves it belongs to that one thread.
 */
public final class SlotPool implements AutoCloseable {
    private final Arena arena;
    private final MemorySegment slab;
    private final int slotSize;
    private final int[] free;
    private int freeCount;

    public SlotPool(int slots, int slotSize) {
        if (slots < 0 || slotSize < 1) {
            throw new IllegalArgumentException(
                    "slot pool of " + slots + " slots of " + slotSize + " bytes: both must be positive");
        }
        this.arena = Arena.ofShared();
        this.slab = arena.allocate(Math.max(1L, (long) slots * slotSize), 64);
        this.slotSize = slotSize;
        this.free = new int[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = slots - 1 - i;
        }
        this.freeCount = slots;
    }

    /** A free slot's index, or -1 when every slot is in use. */
    public int acquire() {
        return freeCount == 0 ? -1 : free[--freeCount];
    }

    public void release(int slot) {
        free[freeCount++] = slot;
    }

    public int available() {
        return freeCount;
    }

    public int slotSize() {
        return slotSize;
    }

    public MemorySegment segment() {
        return slab;
    }

    public long offset(int slot) {
        return (long) slot * slotSize;
    }

    @Override
    public void close() {
        arena.close();
    }
}
