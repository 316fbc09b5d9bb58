package io.pptpgw.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Vectors;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Enhanced GRE as pptp-linux 1.10.0 sends it ({@code vectors/ppp/pppd-2.4.9-mppe-128-stateless.hex}, a whole call
 * setup captured in the interop test): every packet parses, its first sequence number is 1 (not 0), and its
 * acknowledgements travel alone with neither sequence number nor payload.
 */
class EnhancedGreHeaderRealPeerTest {
    private static final List<Vectors.Vector> CALL =
            Vectors.load("/vectors/ppp/pppd-2.4.9-mppe-128-stateless.hex").all();

    private final EnhancedGreHeader header = new EnhancedGreHeader();

    @Test
    void everyCapturedPacketParsesAndItsPayloadFillsThePacket() {
        for (Vectors.Vector vector : CALL) {
            byte[] bytes = vector.bytes();
            assertThat(header.parse(MemorySegment.ofArray(bytes), 0, bytes.length))
                    .as(vector.name() + ": " + header.lastDropReason())
                    .isTrue();
            assertThat(header.headerLength() + header.payloadLength())
                    .as(vector.name())
                    .isEqualTo(bytes.length);
        }
    }

    @Test
    void pptpLinuxNumbersItsPacketsFromOne() {
        Vectors.Vector first = CALL.stream()
                .filter(vector -> vector.name().startsWith("pppd-"))
                .findFirst()
                .orElseThrow();
        parse(first);

        assertThat(header.hasSequenceNumber()).isTrue();
        assertThat(header.sequenceNumber()).isEqualTo(1);
        assertThat(header.hasAcknowledgmentNumber()).isFalse();
    }

    @Test
    void pptpLinuxAcknowledgesWithoutSequenceNumberOrPayload() {
        parse(CALL.stream()
                .filter(vector -> vector.name().equals("pppd-gre-acknowledgement"))
                .findFirst()
                .orElseThrow());

        assertThat(header.hasSequenceNumber()).isFalse();
        assertThat(header.hasAcknowledgmentNumber()).isTrue();
        assertThat(header.payloadLength()).isZero();
        assertThat(header.headerLength()).isEqualTo(12);
    }

    private void parse(Vectors.Vector vector) {
        byte[] bytes = vector.bytes();
        assertThat(header.parse(MemorySegment.ofArray(bytes), 0, bytes.length))
                .as(vector.name())
                .isTrue();
    }
}
