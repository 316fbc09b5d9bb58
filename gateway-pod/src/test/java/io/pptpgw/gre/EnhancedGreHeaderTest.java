package io.pptpgw.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.testing.Hex;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnhancedGreHeaderTest {
    /** A data packet carrying an acknowledgement, as both ends send while traffic flows both ways. */
    static final String DATA_WITH_ACK = """
            30 81        # K S, A, version 1
            88 0b        # protocol PPP
            00 05        # payload length 5
            1f 2a        # call id 0x1f2a
            00 00 00 07  # sequence number 7
            00 00 00 03  # acknowledgment number 3
            ff 03 c0 21 09  # payload: PPP header of an LCP packet (truncated)
            """;

    /** Acknowledgement only: no S bit, no payload, the acknowledgement number right after the key. */
    static final String ACK_ONLY = """
            20 81        # K, A, version 1
            88 0b
            00 00        # payload length 0
            00 40        # call id 0x40
            ff ff ff ff  # acknowledgment number 4294967295
            """;

    /**
     * The shape of a PPTP client's first data packet (hand-built, not captured): IPv4 header, then GRE with a
     * sequence number and no acknowledgement, then an LCP Configure-Request (MRU, magic, PFC, ACFC).
     */
    static final String IP_THEN_FIRST_LCP = """
            45 00 00 34 1c 46 40 00 40 2f 00 00 c0 00 02 01 c6 33 64 02   # IPv4, protocol 47, 52 bytes
            30 01 88 0b 00 18 80 00   # K S, version 1, PPP, payload 24, call id 0x8000
            00 00 00 00               # sequence number 0
            ff 03 c0 21 01 01 00 14   # PPP LCP Configure-Request id 1 length 20
            02 06 00 00 00 00 05 06 12 34 56 78 07 02 08 02
            """;

    private final EnhancedGreHeader header = new EnhancedGreHeader();

    @Test
    void parsesADataPacketWithAnAcknowledgement() {
        byte[] wire = Hex.bytes(DATA_WITH_ACK);

        assertThat(header.parse(MemorySegment.ofArray(wire), 0, wire.length)).isTrue();

        assertThat(header.lastDropReason()).isNull();
        assertThat(header.callId()).isEqualTo(0x1f2a);
        assertThat(header.payloadLength()).isEqualTo(5);
        assertThat(header.hasSequenceNumber()).isTrue();
        assertThat(header.sequenceNumber()).isEqualTo(7);
        assertThat(header.hasAcknowledgmentNumber()).isTrue();
        assertThat(header.acknowledgmentNumber()).isEqualTo(3);
        assertThat(header.headerLength()).isEqualTo(16);
        assertThat(header.payloadOffset()).isEqualTo(16);
    }

    @Test
    void parsesAnAcknowledgementOnlyPacketWithTheNumberRightAfterTheKey() {
        byte[] wire = Hex.bytes(ACK_ONLY);

        assertThat(header.parse(MemorySegment.ofArray(wire), 0, wire.length)).isTrue();

        assertThat(header.hasSequenceNumber()).isFalse();
        assertThat(header.hasAcknowledgmentNumber()).isTrue();
        assertThat(header.acknowledgmentNumber()).isEqualTo(0xFFFFFFFF);
        assertThat(header.callId()).isEqualTo(0x40);
        assertThat(header.headerLength()).isEqualTo(12);
        assertThat(header.payloadLength()).isZero();
    }

    @Test
    void parsesAtAnOffsetBehindTheIpHeader() {
        byte[] wire = Hex.bytes(IP_THEN_FIRST_LCP);

        assertThat(header.parse(MemorySegment.ofArray(wire), 20, wire.length - 20))
                .isTrue();

        assertThat(header.callId()).isEqualTo(0x8000);
        assertThat(header.sequenceNumber()).isZero();
        assertThat(header.hasAcknowledgmentNumber()).isFalse();
        assertThat(header.payloadLength()).isEqualTo(24);
        assertThat(header.payloadOffset()).isEqualTo(32);
        assertThat(wire[(int) header.payloadOffset()]).isEqualTo((byte) 0xff);
        assertThat(header.payloadOffset() + header.payloadLength()).isEqualTo(wire.length);
    }

    @Test
    void ignoresBytesAfterThePayload() {
        byte[] wire = Arrays.copyOf(Hex.bytes(DATA_WITH_ACK), 40);

        assertThat(header.parse(MemorySegment.ofArray(wire), 0, wire.length)).isTrue();
        assertThat(header.payloadLength()).isEqualTo(5);
    }

    @Test
    void acceptsTheReservedFlagBitsSinceTheRfcGivesNoDiscardRule() {
        byte[] wire = Hex.bytes(DATA_WITH_ACK);
        wire[1] |= 0x78;

        assertThat(header.parse(MemorySegment.ofArray(wire), 0, wire.length)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "plain GRE version 0,         20 00 88 0b 00 00 00 01 00 00 00 01, BAD_VERSION",
        "version 2,                   30 02 88 0b 00 00 00 01 00 00 00 01, BAD_VERSION",
        "IPv4 protocol type,          30 01 08 00 00 00 00 01 00 00 00 01, BAD_PROTOCOL",
        "key bit clear,               10 01 88 0b 00 00 00 01 00 00 00 01, KEY_ABSENT",
        "checksum bit,                b0 01 88 0b 00 00 00 01 00 00 00 01, UNSUPPORTED_FLAGS",
        "routing bit,                 70 01 88 0b 00 00 00 01 00 00 00 01, UNSUPPORTED_FLAGS",
        "strict source route bit,     38 01 88 0b 00 00 00 01 00 00 00 01, UNSUPPORTED_FLAGS",
        "recursion 1,                 31 01 88 0b 00 00 00 01 00 00 00 01, UNSUPPORTED_FLAGS",
        "payload length beyond,       30 01 88 0b 00 01 00 01 00 00 00 01, PAYLOAD_BEYOND_PACKET",
        "payload without sequence,    20 81 88 0b 00 01 00 01 00 00 00 01 ff, PAYLOAD_WITHOUT_SEQUENCE",
        "neither sequence nor ack,    20 01 88 0b 00 00 00 01, EMPTY",
        "sequence announced missing,  30 01 88 0b 00 00 00 01, TRUNCATED",
        "ack announced missing,       30 81 88 0b 00 00 00 01 00 00 00 01, TRUNCATED",
    })
    void rejectsMalformedPacketsWithTheirReason(String name, String hex, DropReason reason) {
        byte[] wire = Hex.bytes(hex);

        assertThat(header.parse(MemorySegment.ofArray(wire), 0, wire.length)).isFalse();
        assertThat(header.lastDropReason()).isEqualTo(reason);
    }

    @Test
    void rejectsEveryTruncationAsShortHeaderOrShortPayload() {
        for (String vector : new String[] {DATA_WITH_ACK, ACK_ONLY}) {
            byte[] wire = Hex.bytes(vector);
            header.parse(MemorySegment.ofArray(wire), 0, wire.length);
            int headerLength = header.headerLength();
            for (int length = 0; length < wire.length; length++) {
                byte[] prefix = Arrays.copyOf(wire, length);
                assertThat(header.parse(MemorySegment.ofArray(prefix), 0, length))
                        .as("%d of %d bytes", length, wire.length)
                        .isFalse();
                assertThat(header.lastDropReason())
                        .as("%d of %d bytes", length, wire.length)
                        .isEqualTo(length < headerLength ? DropReason.TRUNCATED : DropReason.PAYLOAD_BEYOND_PACKET);
            }
        }
    }

    @Test
    void aRejectionDoesNotLeaveTheViewReportingTheEarlierPacketAsValid() {
        byte[] good = Hex.bytes(DATA_WITH_ACK);
        header.parse(MemorySegment.ofArray(good), 0, good.length);

        assertThat(header.parse(MemorySegment.ofArray(good), 0, 3)).isFalse();
        assertThat(header.lastDropReason()).isEqualTo(DropReason.TRUNCATED);
        assertThat(header.parse(MemorySegment.ofArray(good), 0, good.length)).isTrue();
        assertThat(header.lastDropReason()).isNull();
    }

    @Test
    void writesTheVectorsByteForByte() {
        MemorySegment out = MemorySegment.ofArray(new byte[16]);

        assertThat(EnhancedGreHeader.write(out, 0, 0x1f2a, 5, true, 7, true, 3)).isEqualTo(16);
        assertThat(out.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(Arrays.copyOf(Hex.bytes(DATA_WITH_ACK), 16));

        MemorySegment ack = MemorySegment.ofArray(new byte[12]);
        assertThat(EnhancedGreHeader.writeAcknowledgment(ack, 0, 0x40, 0xFFFFFFFF))
                .isEqualTo(12);
        assertThat(ack.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(Hex.bytes(ACK_ONLY));
    }

    @Test
    void writeThenParseRoundTripsEveryCombinationOfFields() {
        long seed = 0x2637_0401L;
        SplittableRandom random = new SplittableRandom(seed);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packet = arena.allocate(GreSpec.MAXIMUM_HEADER_LENGTH + 300 + 7);
            for (int round = 0; round < 5_000; round++) {
                long offset = random.nextInt(8);
                boolean sequencePresent = random.nextBoolean();
                boolean ackPresent = !sequencePresent || random.nextBoolean();
                int payload = sequencePresent ? random.nextInt(300) : 0;
                int callId = random.nextInt(0x10000);
                int sequence = random.nextInt();
                int ack = random.nextInt();

                int written = EnhancedGreHeader.write(
                        packet, offset, callId, payload, sequencePresent, sequence, ackPresent, ack);

                String context = "seed " + Long.toHexString(seed) + " round " + round;
                assertThat(written).as(context).isEqualTo(GreSpec.headerLength(sequencePresent, ackPresent));
                assertThat(header.parse(packet, offset, written + payload))
                        .as(context)
                        .isTrue();
                assertThat(header.callId()).as(context).isEqualTo(callId);
                assertThat(header.payloadLength()).as(context).isEqualTo(payload);
                assertThat(header.hasSequenceNumber()).as(context).isEqualTo(sequencePresent);
                assertThat(header.hasAcknowledgmentNumber()).as(context).isEqualTo(ackPresent);
                assertThat(header.sequenceNumber()).as(context).isEqualTo(sequencePresent ? sequence : 0);
                assertThat(header.acknowledgmentNumber()).as(context).isEqualTo(ackPresent ? ack : 0);
                assertThat(header.payloadOffset()).as(context).isEqualTo(offset + written);
            }
        }
    }

    @Test
    void writeRefusesFieldsItCannotEncode() {
        MemorySegment out = MemorySegment.ofArray(new byte[16]);

        assertThatThrownBy(() -> EnhancedGreHeader.write(out, 0, 0x10000, 0, true, 0, false, 0))
                .hasMessage("call id 65536 is outside 0..65535");
        assertThatThrownBy(() -> EnhancedGreHeader.write(out, 0, 1, 70_000, true, 0, false, 0))
                .hasMessage("payload length 70000 is outside 0..65535");
        assertThatThrownBy(() -> EnhancedGreHeader.write(out, 0, 1, 4, false, 0, true, 0))
                .hasMessageContaining("payload length 4 needs a sequence number");
    }

    @Test
    void seededCorruptionIsAcceptedWithinBoundsOrRejectedWithAReasonNeverThrown() {
        long seed = 0x5eed_0047L;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] base = Hex.bytes(DATA_WITH_ACK);
        for (int round = 0; round < 20_000; round++) {
            byte[] corrupt = Arrays.copyOf(base, random.nextInt(base.length + 1));
            for (int flips = random.nextInt(4); flips >= 0 && corrupt.length > 0; flips--) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            boolean accepted = header.parse(MemorySegment.ofArray(corrupt), 0, corrupt.length);
            assertThat(accepted || header.lastDropReason() != null)
                    .as("seed %x: %s rejected without a reason", seed, Hex.string(corrupt))
                    .isTrue();
            if (accepted) {
                assertThat(header.payloadOffset() + header.payloadLength()).isLessThanOrEqualTo(corrupt.length);
            }
        }
    }
}
