package io.pptpgw.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PPP framing (RFC 1661 §2, §6.5, §6.6; RFC 1662 §3.1) read by the view and written by {@link PppFrame}. */
class PppFrameViewTest {
    private final PppFrameView view = new PppFrameView();

    @Test
    void readsTheFullHeader() {
        byte[] frame = Hex.bytes("ff 03 c021  01 01 0004");
        assertThat(view.parse(frame, 0, frame.length)).isTrue();
        assertThat(view.protocol()).isEqualTo(0xC021);
        assertThat(view.informationOffset()).isEqualTo(4);
        assertThat(view.informationLength()).isEqualTo(4);
    }

    @Test
    void readsAddressAndControlFieldCompression() {
        byte[] frame = Hex.bytes("0021  45 00");
        assertThat(view.parse(frame, 0, frame.length)).isTrue();
        assertThat(view.protocol()).isEqualTo(0x0021);
        assertThat(view.informationOffset()).isEqualTo(2);
    }

    @Test
    void readsProtocolFieldCompressionWithAndWithoutAddressAndControl() {
        byte[] both = Hex.bytes("fd  90 00 aa");
        assertThat(view.parse(both, 0, both.length)).isTrue();
        assertThat(view.protocol()).isEqualTo(0x00FD);
        assertThat(view.informationOffset()).isEqualTo(1);

        byte[] protocolOnly = Hex.bytes("ff 03 21  45");
        assertThat(view.parse(protocolOnly, 0, protocolOnly.length)).isTrue();
        assertThat(view.protocol()).isEqualTo(0x0021);
        assertThat(view.informationOffset()).isEqualTo(3);
        assertThat(view.informationLength()).isEqualTo(1);
    }

    @Test
    void readsInPlaceInAnOffHeapSegmentAtAnOffset() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            int header = PppFrame.writeHeader(buffer, 10, 0x80FD, false, true);
            assertThat(header).isEqualTo(4);
            assertThat(view.parse(buffer, 10, header + 6)).isTrue();
            assertThat(view.protocol()).isEqualTo(0x80FD);
            assertThat(view.informationOffset()).isEqualTo(14);
            assertThat(view.informationLength()).isEqualTo(6);
        }
    }

    @Test
    void dropsTruncatedAndInvalidFrames() {
        assertDropped("", PppFrameView.DropReason.TRUNCATED);
        assertDropped("ff 03", PppFrameView.DropReason.TRUNCATED);
        assertDropped("ff 03 c0", PppFrameView.DropReason.TRUNCATED);
        assertDropped("ff", PppFrameView.DropReason.BAD_CONTROL_FIELD);
        assertDropped("ff 13 c021", PppFrameView.DropReason.BAD_CONTROL_FIELD);
        assertDropped("c0 22 00", PppFrameView.DropReason.INVALID_PROTOCOL);
    }

    @Test
    void writesEveryCombinationOfCompressions() {
        byte[] info = Hex.bytes("45");
        assertThat(PppFrame.encode(0x0021, info, false, false)).isEqualTo(Hex.bytes("ff03 0021 45"));
        assertThat(PppFrame.encode(0x0021, info, true, false)).isEqualTo(Hex.bytes("0021 45"));
        assertThat(PppFrame.encode(0x0021, info, false, true)).isEqualTo(Hex.bytes("ff03 21 45"));
        assertThat(PppFrame.encode(0x0021, info, true, true)).isEqualTo(Hex.bytes("21 45"));
        assertThat(PppFrame.encode(0xC021, info, true, true))
                .as("a protocol above 0xFF is never compressed")
                .isEqualTo(Hex.bytes("c021 45"));
        assertThat(PppFrame.encodeControl(0x8021, new ControlPacket(5, 3, new byte[0])))
                .isEqualTo(Hex.bytes("ff03 8021 05 03 0004"));
    }

    @Test
    void everyWrittenFrameReadsBack() {
        long seed = 0x1661L;
        SplittableRandom random = new SplittableRandom(seed);
        int[] protocols = {0x0021, 0x0057, 0x00FD, 0x8021, 0x80FD, 0xC021, 0xC223};
        for (int round = 0; round < 500; round++) {
            int protocol = protocols[random.nextInt(protocols.length)];
            byte[] info = new byte[random.nextInt(40)];
            random.nextBytes(info);
            boolean acfc = random.nextBoolean();
            boolean pfc = random.nextBoolean();
            byte[] frame = PppFrame.encode(protocol, info, acfc, pfc);
            assertThat(view.parse(frame, 0, frame.length))
                    .as("seed %x round %d", seed, round)
                    .isTrue();
            assertThat(view.protocol()).isEqualTo(protocol);
            assertThat(Arrays.copyOfRange(frame, (int) view.informationOffset(), frame.length))
                    .isEqualTo(info);
        }
    }

    private void assertDropped(String hex, PppFrameView.DropReason reason) {
        byte[] frame = Hex.bytes(hex);
        assertThat(view.parse(frame, 0, frame.length)).as(hex).isFalse();
        assertThat(view.dropReason()).as(hex).isEqualTo(reason);
    }
}
