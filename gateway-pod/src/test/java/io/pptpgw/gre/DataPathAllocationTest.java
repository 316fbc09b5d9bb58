package io.pptpgw.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.sys.Allocation;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The per-packet work of the GRE path allocates nothing: bytes allocated by this thread over many packets stay far
 * below one byte per packet (what remains is the measurement's own noise). Counts bytes, not time.
 */
class DataPathAllocationTest {
    private static final int PACKETS = 200_000;

    private final AtomicLong clock = new AtomicLong();
    private long checksum;

    @Test
    void parsingWritingReorderingAndAcknowledgingAllocateNothingPerPacket() {
        try (PacketBatch batch = new PacketBatch(8, 2048);
                SlotPool slots = new SlotPool(64, 2048)) {
            EnhancedGreHeader header = new EnhancedGreHeader();
            ReorderBuffer reorder = new ReorderBuffer(ReorderPolicy.DEFAULT, clock::get, slots, this::consume);
            AckScheduler acks = new AckScheduler(Duration.ofMillis(100), clock::get);
            SendWindow window = new SendWindow(64, Duration.ofMillis(100), clock::get);
            MemorySegment slab = batch.segment();

            run(header, reorder, acks, window, slab, 0); // warm up: class loading, lambdas, JIT
            long before = Allocation.bytes();
            run(header, reorder, acks, window, slab, PACKETS);
            long allocated = Allocation.since(before);

            assertThat(reorder.reordered()).isPositive();
            assertThat(allocated).as("bytes allocated for %d packets", PACKETS).isLessThan(PACKETS / 10);
        }
    }

    /** Every fourth pair of packets arrives swapped, so the held-and-released path runs as well as the direct one. */
    private void run(
            EnhancedGreHeader header,
            ReorderBuffer reorder,
            AckScheduler acks,
            SendWindow window,
            MemorySegment slab,
            int first) {
        for (int i = first; i < first + PACKETS; i += 2) {
            boolean swap = (i / 2) % 4 == 0;
            for (int k = 0; k < 2; k++) {
                int sequence = swap ? i + 1 - k : i + k;
                long at = k * 2048L;
                int length = EnhancedGreHeader.write(slab, at, 0x1f2a, 64, true, sequence, true, sequence - 3);
                if (header.parse(slab, at, length + 64)) {
                    window.acknowledge(header.acknowledgmentNumber());
                    reorder.offer(header.sequenceNumber(), slab, header.payloadOffset(), header.payloadLength());
                }
                if (window.isOpen()) {
                    checksum += window.nextSequenceNumber();
                }
                if (acks.isOwed()) {
                    acks.sent(acks.acknowledgmentNumber());
                }
                clock.addAndGet(1_000);
            }
        }
    }

    private void consume(int sequenceNumber, MemorySegment segment, long offset, int length) {
        checksum += sequenceNumber + length;
    }
}
