package io.pptpgw.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class PacketBatchTest {
    @Test
    void slotsAreDisjointRangesOfOneSlabThatOutlivesEveryBatch() {
        try (PacketBatch batch = new PacketBatch(4, 100)) {
            var slab = batch.segment();
            for (int round = 0; round < 3; round++) {
                for (int slot = 0; slot < 4; slot++) {
                    batch.segment().set(ValueLayout.JAVA_BYTE, batch.slotOffset(slot) + 98, (byte) (round * 10 + slot));
                    batch.set(slot, 20, 79, 0x0A000001 + slot, 0xC0000201, slot);
                }
                batch.count(4);
                for (int slot = 0; slot < 4; slot++) {
                    assertThat(batch.segment().get(ValueLayout.JAVA_BYTE, batch.packetOffset(slot) + 78))
                            .isEqualTo((byte) (round * 10 + slot));
                    assertThat(batch.remoteAddress(slot)).isEqualTo(0x0A000001 + slot);
                    assertThat(batch.mark(slot)).isEqualTo(slot);
                }
                batch.clear();
                assertThat(batch.count()).isZero();
                assertThat(batch.segment()).isSameAs(slab);
            }
            assertThat(slab.byteSize()).isEqualTo(400);
        }
    }

    @Test
    void setClearsTheStatusOfTheSlotsPreviousPacket() {
        try (PacketBatch batch = new PacketBatch(1, 64)) {
            batch.status(0, 113);
            batch.set(0, 0, 10, 1, 0, 0);

            assertThat(batch.status(0)).isZero();
        }
    }

    @Test
    void refusesPacketsThatDoNotFitTheirSlotAndCountsBeyondCapacity() {
        try (PacketBatch batch = new PacketBatch(2, 64)) {
            assertThatThrownBy(() -> batch.set(0, 10, 60, 1, 0, 0))
                    .hasMessage("packet of 60 bytes at offset 10 does not fit a slot of 64 bytes");
            assertThatThrownBy(() -> batch.count(3)).hasMessage("count 3 is outside 0..2");
            assertThatThrownBy(() -> batch.slotOffset(2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThatThrownBy(() -> new PacketBatch(0, 64)).hasMessageContaining("batch capacity 0");
        assertThatThrownBy(() -> new PacketBatch(8, 8)).hasMessageContaining("slot size 8");
    }
}
