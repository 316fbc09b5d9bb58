package io.pptpgw.dataplane;

import io.pptpgw.gre.AckScheduler;
import io.pptpgw.gre.ReorderPolicy;
import java.time.Duration;

/**
 * Data-path tunables (not protocol constants): packets per batched system call, the size of a packet slot, how
 * many reordered packets a tunnel may hold and for how long, the delayed-acknowledgement timer, and after how many
 * unacknowledged packets an acknowledgement goes out at once (a quarter of the window we announce keeps a
 * window-limited sender streaming), and how many packets every worker's reorder buffers may hold together.
 */
public record DataPlaneSettings(
        int batchSize,
        int slotSize,
        ReorderPolicy reorder,
        Duration acknowledgeDelay,
        int acknowledgeEvery,
        int reorderSlots) {
    public static final DataPlaneSettings DEFAULTS =
            new DataPlaneSettings(64, 2048, ReorderPolicy.DEFAULT, AckScheduler.DEFAULT_DELAY, 16, 4096);

    public DataPlaneSettings {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size " + batchSize + " is outside 1..1024");
        }
        if (slotSize < 256 + TunReader.HEADROOM) {
            throw new IllegalArgumentException("slot size " + slotSize + " leaves no room for a packet");
        }
        if (acknowledgeEvery < 1) {
            throw new IllegalArgumentException("acknowledge every " + acknowledgeEvery + " packets: must be >= 1");
        }
        if (reorderSlots < 0) {
            throw new IllegalArgumentException("reorder slots " + reorderSlots + " is negative");
        }
    }

    public DataPlaneSettings withReorder(ReorderPolicy policy) {
        return new DataPlaneSettings(batchSize, slotSize, policy, acknowledgeDelay, acknowledgeEvery, reorderSlots);
    }
}
