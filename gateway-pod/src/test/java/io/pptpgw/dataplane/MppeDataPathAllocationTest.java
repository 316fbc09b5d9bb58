package io.pptpgw.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.mppe.DecryptResult;
import io.pptpgw.mppe.KeyStrength;
import io.pptpgw.mppe.MppeCipher;
import io.pptpgw.sys.Allocation;
import io.pptpgw.testing.Ipv4Packets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-packet MPPE work of the data path allocates nothing: encrypting in place (with a key change before every
 * packet in stateless mode, every 256 in stateful mode), decrypting in place, and the plaintext check the GRE worker
 * makes. Counts the bytes this thread allocates over many packets, not time.
 */
class MppeDataPathAllocationTest {
    private static final int PACKETS = 50_000;
    private static final byte[] MASTER_KEY = new byte[16];
    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private long checksum;

    @ParameterizedTest(name = "stateless {0}")
    @ValueSource(booleans = {true, false})
    void encryptingDecryptingAndCheckingAllocateNothingPerPacket(boolean stateless) {
        MppeCipher sender = new MppeCipher(MASTER_KEY, KeyStrength.BITS_128, stateless);
        MppeCipher receiver = new MppeCipher(MASTER_KEY, KeyStrength.BITS_128, stateless);
        byte[] packet = Ipv4Packets.udp(0x0afa0002, 0x0a000005, new byte[1300]);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(2048);
            run(sender, receiver, buffer, packet, PACKETS); // warm up: class loading, JIT
            long before = Allocation.bytes();
            run(sender, receiver, buffer, packet, PACKETS);
            long allocated = Allocation.since(before);

            assertThat(checksum).isEqualTo(2L * PACKETS);
            assertThat(sender.keyChanges()).isEqualTo(stateless ? 2L * PACKETS : 2L * PACKETS / 256);
            assertThat(allocated).as("bytes allocated for %d packets", PACKETS).isLessThan(PACKETS / 10);
        }
    }

    private void run(MppeCipher sender, MppeCipher receiver, MemorySegment buffer, byte[] packet, int count) {
        for (int i = 0; i < count; i++) {
            buffer.set(SHORT_BE, 2, (short) 0x0021);
            MemorySegment.copy(packet, 0, buffer, ValueLayout.JAVA_BYTE, 4, packet.length);
            int length = sender.encrypt(buffer, 0, packet.length + 2);
            if (receiver.decrypt(buffer, 0, length) == DecryptResult.OK
                    && GreReader.isIpv4Header(buffer, 4, packet.length)) {
                checksum++;
            }
        }
    }
}
