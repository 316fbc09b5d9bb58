package io.pptpgw.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ManualScheduler;
import io.pptpgw.ppp.RecordingSink;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.testing.Hex;
import org.junit.jupiter.api.Test;

/** CCP with MPPE only (RFC 1962, RFC 3078), and its Reset-Request (RFC 3078 §8.2). */
class CcpTest {
    private final RecordingSink sink = new RecordingSink();
    private int resets;
    private final Ccp ccp = new Ccp(MppePolicy.defaults(), sink, new ManualScheduler(), NO_EVENTS, () -> resets++);

    @Test
    void compressionMethodsAreRejectedAndMppeNarrowed() {
        start();
        receive(Code.CONFIGURE_REQUEST, 1, "1a 04 7800  12 06 010000e1"); // Deflate, MPPE everything
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_REJECT, 1, "1a 04 7800"));
        receive(Code.CONFIGURE_REQUEST, 2, "12 06 010000e1");
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_NAK, 2, "12 06 01000040"));
    }

    @Test
    void bothDirectionsAgreeingMakesAnEncryptedOutcome() {
        open("12 06 01000040");
        assertThat(ccp.outcome()).isEqualTo(new Ccp.Outcome.Encrypted(new MppeMode(MppeMode.KeyLength.BITS_128, true)));
    }

    @Test
    void aPeerThatRejectsMppeAndAsksForNothingLeavesItUnencrypted() {
        start();
        receive(Code.CONFIGURE_REJECT, 1, "12 06 01000040");
        receive(Code.CONFIGURE_REQUEST, 5, "");
        receive(Code.CONFIGURE_ACK, 2, "");
        assertThat(ccp.control().state()).isEqualTo(State.OPENED);
        assertThat(ccp.outcome()).isEqualTo(new Ccp.Outcome.Unencrypted("peer refused MPPE"));
    }

    @Test
    void mppeInOneDirectionOnlyIsInconsistent() {
        start();
        receive(Code.CONFIGURE_REQUEST, 5, "");
        receive(Code.CONFIGURE_ACK, 1, "12 06 01000040");
        assertThat(ccp.outcome()).isInstanceOf(Ccp.Outcome.Inconsistent.class);
    }

    @Test
    void aResetRequestWhileOpenedIsAcknowledgedWithItsIdentifierAndAsksTheSenderToFlush() {
        start();
        receive(Code.RESET_REQUEST, 9, "");
        assertThat(resets).as("not Opened yet").isZero();
        assertThat(sink.last().code()).as("not Opened yet").isEqualTo(Code.CONFIGURE_REQUEST.number());
        open("12 06 01000040");
        sink.clear();
        receive(Code.RESET_REQUEST, 10, "");
        assertThat(resets).isEqualTo(1);
        assertThat(sink.packets(0x80FD))
                .as("RFC 1962 §2.1, and a Linux peer decrypts nothing more until it gets one")
                .containsExactly(packet(Code.RESET_ACK, 10, ""));
        sink.clear();
        receive(Code.RESET_ACK, 11, "");
        assertThat(sink.sent).as("a Reset-Ack asks for nothing").isEmpty();
    }

    @Test
    void aRepeatedConfigureRequestWhileOpenedMeansOurAckWasLostAndIsAcknowledgedAgain() {
        open("12 06 01000040");
        receive(Code.CONFIGURE_REQUEST, 3, "12 06 01000040"); // the peer's Restart timer: same request, same id
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_ACK, 3, "12 06 01000040"));
        assertThat(ccp.control().state()).as("no renegotiation").isEqualTo(State.OPENED);

        receive(Code.CONFIGURE_REQUEST, 4, "12 06 00000040"); // something else: the peer renegotiates
        assertThat(ccp.control().state()).isNotEqualTo(State.OPENED);
    }

    @Test
    void weSendAResetRequestOnlyWhileOpened() {
        start();
        ccp.sendResetRequest();
        assertThat(sink.last().code()).isEqualTo(Code.CONFIGURE_REQUEST.number());
        open("12 06 01000040");
        ccp.sendResetRequest();
        assertThat(sink.last().code()).isEqualTo(Code.RESET_REQUEST.number());
    }

    private void start() {
        ccp.control().open();
        ccp.control().up();
    }

    private void open(String peerRequest) {
        if (ccp.control().state() == State.INITIAL) {
            start();
        }
        ControlPacket ours = sink.packets(0x80FD).stream()
                .filter(p -> p.code() == Code.CONFIGURE_REQUEST.number())
                .reduce((a, b) -> b)
                .orElseThrow();
        receive(Code.CONFIGURE_REQUEST, 3, peerRequest);
        ccp.control().receive(new ControlPacket(Code.CONFIGURE_ACK.number(), ours.identifier(), ours.data()));
        assertThat(ccp.control().state()).isEqualTo(State.OPENED);
    }

    private void receive(Code code, int identifier, String hex) {
        ccp.control().receive(packet(code, identifier, hex));
    }

    private static ControlPacket packet(Code code, int identifier, String hex) {
        return new ControlPacket(code.number(), identifier, Hex.bytes(hex));
    }

    private static final LayerEvents NO_EVENTS = new LayerEvents() {
        @Override
        public void thisLayerUp() {}

        @Override
        public void thisLayerDown() {}

        @Override
        public void thisLayerStarted() {}

        @Override
        public void thisLayerFinished() {}
    };
}
