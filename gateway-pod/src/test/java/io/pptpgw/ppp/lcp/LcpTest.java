package io.pptpgw.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketCodec;
import io.pptpgw.ppp.ManualScheduler;
import io.pptpgw.ppp.PppProtocol;
import io.pptpgw.ppp.RecordingSink;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.testing.Hex;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LCP as the gateway runs it, against packets shaped like a Windows client's. */
class LcpTest {
    /** A Windows 10 client's first LCP Configure-Request, as seen in pppd traces of PPTP sessions. */
    private static final String WINDOWS_CONFIGURE_REQUEST = """
            01 04 0578                                   # mru 1400
            05 06 5e1f2a33                               # magic
            07 02                                        # pcomp
            08 02                                        # accomp
            0d 03 06                                     # callback: CBCP
            11 04 0640                                   # mrru 1600
            13 17 01 a1b2c3d4e5f60718293a4b5c6d7e8f9011223344   # endpoint discriminator, class 1
            """;

    private static final String WINDOWS_UNSUPPORTED = """
            0d 03 06
            11 04 0640
            13 17 01 a1b2c3d4e5f60718293a4b5c6d7e8f9011223344
            """;
    private static final String WINDOWS_SECOND_REQUEST = "01 04 0578  05 06 5e1f2a33  07 02  08 02";
    /** Ours: MRU 1400, MS-CHAPv2, magic 0x11111111, PFC, ACFC. */
    private static final String OUR_REQUEST = "01 04 0578  03 05 c223 81  05 06 11111111  07 02  08 02";

    private final RecordingSink sink = new RecordingSink();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingLcpEvents events = new RecordingLcpEvents();
    private final Lcp lcp = new Lcp(
            true,
            LcpSettings.defaults()
                    .withMagicNumbers(new Sequence(0x11111111, 0x22222222, 0x33333333))
                    .withEcho(Duration.ZERO, 1),
            sink,
            scheduler,
            events);

    @Test
    void theServerAsksForItsMruMsChapV2AMagicNumberAndBothCompressions() {
        start();
        assertThat(sink.sent).hasSize(1);
        assertThat(sink.sent.getFirst().protocol()).isEqualTo(PppProtocol.LCP.number());
        assertThat(sink.last()).isEqualTo(new ControlPacket(1, 1, Hex.bytes(OUR_REQUEST)));
    }

    @Test
    void windowsExtrasAreRejectedExactlyAndTheRestAcknowledged() {
        start();
        receive(Code.CONFIGURE_REQUEST, 0x07, WINDOWS_CONFIGURE_REQUEST);
        assertThat(sink.last())
                .isEqualTo(new ControlPacket(Code.CONFIGURE_REJECT.number(), 0x07, Hex.bytes(WINDOWS_UNSUPPORTED)));

        receive(Code.CONFIGURE_REQUEST, 0x08, WINDOWS_SECOND_REQUEST);
        assertThat(sink.last())
                .isEqualTo(new ControlPacket(Code.CONFIGURE_ACK.number(), 0x08, Hex.bytes(WINDOWS_SECOND_REQUEST)));
        receive(Code.CONFIGURE_ACK, 0x01, OUR_REQUEST);

        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
        assertThat(events.events).containsExactly("tls", "tlu");
        assertThat(lcp.authentication()).contains(AuthProtocol.MSCHAP_V2);
        assertThat(lcp.peerMru()).isEqualTo(1400);
        assertThat(lcp.localMru()).isEqualTo(1400);
        assertThat(lcp.compressProtocolFieldOnSend()).isTrue();
        assertThat(lcp.compressAddressAndControlFieldOnSend()).isTrue();
    }

    @Test
    void anEchoRequestIsAnsweredWithOurMagicNumberAndTheSameData() {
        open();
        receive(Code.ECHO_REQUEST, 0x21, "5e1f2a33 cafe");
        assertThat(sink.last())
                .isEqualTo(new ControlPacket(Code.ECHO_REPLY.number(), 0x21, Hex.bytes("11111111 cafe")));
    }

    @Test
    void discardRequestsAndIdentificationAreAbsorbedSilently() {
        open();
        sink.clear();
        receive(Code.DISCARD_REQUEST, 1, "5e1f2a33");
        receive(Code.IDENTIFICATION, 2, "5e1f2a33 4d5352415356352e3230"); // "MSRASV5.20"
        assertThat(sink.sent).isEmpty();
        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
    }

    @Test
    void anUnknownCodeGetsACodeRejectCarryingThePacket() {
        open();
        receive(0x20, 0x44, "0102");
        ControlPacket reject = sink.last();
        assertThat(reject.code()).isEqualTo(Code.CODE_REJECT.number());
        assertThat(reject.data()).isEqualTo(Hex.bytes("20 44 0006 0102"));
        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
    }

    @Test
    void aProtocolRejectOfAnotherProtocolIsPassedOnAndLcpStaysOpen() {
        open();
        receive(Code.PROTOCOL_REJECT, 3, "80fd 01 01 0004");
        assertThat(events.events).containsExactly("tls", "tlu", "protocolRejected 0x80fd");
        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
    }

    @Test
    void aProtocolRejectOfLcpItselfIsCatastrophic() {
        open();
        receive(Code.PROTOCOL_REJECT, 3, "c021 01 01 0004");
        assertThat(events.events).containsExactly("tls", "tlu", "tld");
        assertThat(lcp.control().state()).isEqualTo(State.STOPPING);
        assertThat(sink.last().code()).isEqualTo(Code.TERMINATE_REQUEST.number());
    }

    @Test
    void aProtocolRejectBeforeOpenedIsDiscarded() {
        start();
        receive(Code.PROTOCOL_REJECT, 3, "80fd 01 01 0004");
        assertThat(events.events).containsExactly("tls");
    }

    @Test
    void aCodeRejectOfAConfigureCodeIsCatastrophicButOfAnEchoIsNot() {
        open();
        receive(Code.CODE_REJECT, 4, "09 01 0008 11111111");
        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
        receive(Code.CODE_REJECT, 5, "05 02 0004");
        assertThat(lcp.control().state()).isEqualTo(State.STOPPING);
    }

    @Test
    void weSendProtocolRejectsOnlyWhileOpenedWithTheRejectedProtocolFirst() {
        start();
        sink.clear();
        lcp.sendProtocolReject(0x8057, Hex.bytes("01 01 000e"));
        assertThat(sink.sent).as("not Opened yet").isEmpty();
        open();
        sink.clear();
        lcp.sendProtocolReject(0x8057, Hex.bytes("01 01 000e 0106 0011223344"));
        assertThat(sink.last().code()).isEqualTo(Code.PROTOCOL_REJECT.number());
        assertThat(sink.last().data()).isEqualTo(Hex.bytes("8057 01 01 000e 0106 0011223344"));
    }

    @Test
    void aLongRejectedPacketIsTruncatedToFitTheSmallestMru() {
        open();
        lcp.sendProtocolReject(0x8057, new byte[2000]);
        assertThat(ControlPacketCodec.encode(sink.last())).hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void aNakOfOurAuthenticationMovesToTheNextMethodAndExhaustionIsReported() {
        Lcp twoMethods = new Lcp(
                true,
                LcpSettings.defaults()
                        .withAuthenticationMethods(List.of(AuthProtocol.MSCHAP_V2, AuthProtocol.CHAP_MD5))
                        .withMagicNumbers(new Sequence(0x11111111, 0x22222222)),
                sink,
                scheduler,
                events);
        twoMethods.control().open();
        twoMethods.control().up();
        twoMethods.control().receive(new ControlPacket(3, 1, Hex.bytes("03 04 c023")));
        assertThat(Hex.string(sink.last().data())).contains("0305c22305");
        twoMethods.control().receive(new ControlPacket(3, 2, Hex.bytes("03 04 c023")));
        assertThat(Hex.string(sink.last().data())).doesNotContain("c223");
        assertThat(twoMethods.authenticationRefusal())
                .contains("peer supports none of our authentication methods [MSCHAP_V2, CHAP_MD5];"
                        + " it suggested PAP");
    }

    private void start() {
        lcp.control().open();
        lcp.control().up();
    }

    private void open() {
        start();
        receive(Code.CONFIGURE_REQUEST, 0x08, WINDOWS_SECOND_REQUEST);
        receive(Code.CONFIGURE_ACK, 0x01, OUR_REQUEST);
        assertThat(lcp.control().state()).isEqualTo(State.OPENED);
    }

    private void receive(Code code, int identifier, String hex) {
        receive(code.number(), identifier, hex);
    }

    private void receive(int code, int identifier, String hex) {
        lcp.control().receive(new ControlPacket(code, identifier, Hex.bytes(hex)));
    }
}
