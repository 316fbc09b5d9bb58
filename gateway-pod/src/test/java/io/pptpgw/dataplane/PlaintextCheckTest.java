package io.pptpgw.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Ipv4Packets;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The check that tells a decrypted MPPE packet from garbage (MPPE itself has none): an IPv4 header with a valid
 * checksum (RFC 791, RFC 1071).
 */
class PlaintextCheckTest {
    private static final long SEED = 3078L;

    @Test
    void aRealHeaderPassesAndEverySingleBitFlipInItFails() {
        byte[] packet = Ipv4Packets.udp(0x0afa0002, 0x0a000005, new byte[40]);
        assertThat(GreReader.isIpv4Header(MemorySegment.ofArray(packet), 0, packet.length))
                .isTrue();
        for (int bit = 0; bit < 20 * 8; bit++) {
            byte[] flipped = packet.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(GreReader.isIpv4Header(MemorySegment.ofArray(flipped), 0, flipped.length))
                    .as("bit %d flipped", bit)
                    .isFalse();
        }
    }

    @Test
    void truncatedOrShortPacketsFail() {
        byte[] packet = Ipv4Packets.udp(0x0afa0002, 0x0a000005, new byte[40]);
        assertThat(GreReader.isIpv4Header(MemorySegment.ofArray(packet), 0, packet.length - 1))
                .as("total length beyond the packet")
                .isFalse();
        assertThat(GreReader.isIpv4Header(MemorySegment.ofArray(packet), 0, 19)).isFalse();
        assertThat(GreReader.isIpv4Header(MemorySegment.ofArray(packet), 0, -1)).isFalse();
    }

    @Test
    void randomBytesAlmostNeverPass() {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] garbage = new byte[60];
        int passed = 0;
        for (int i = 0; i < 200_000; i++) {
            random.nextBytes(garbage);
            if (GreReader.isIpv4Header(MemorySegment.ofArray(garbage), 0, garbage.length)) {
                passed++;
            }
        }
        assertThat(passed).as("seed %d", SEED).isLessThanOrEqualTo(1);
    }
}
