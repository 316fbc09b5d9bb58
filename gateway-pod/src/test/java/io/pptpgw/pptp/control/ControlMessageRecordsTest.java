package io.pptpgw.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.pptp.control.GeneralError.Known;
import org.junit.jupiter.api.Test;

/** The records refuse values that do not fit their fields, and print themselves the way pppd logs. */
class ControlMessageRecordsTest {
    @Test
    void callIdAbove16BitsIsRefusedWithTheRuleInTheMessage() {
        assertThatThrownBy(() -> new CallClearRequest(0x10000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("callId 65536 does not fit the 16-bit field (0..65535)");
    }

    @Test
    void negativeLongwordIsRefused() {
        assertThatThrownBy(() -> new EchoRequest(-1))
                .hasMessage("identifier -1 does not fit the 32-bit field (0..4294967295)");
    }

    @Test
    void hostNameLongerThanItsFieldIsRefused() {
        assertThatThrownBy(() -> new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "h".repeat(65), ""))
                .hasMessage("hostName \"" + "h".repeat(65) + "\" has 65 characters; the field holds at most 64");
    }

    @Test
    void nonPrintableCharacterInAStringIsRefused() {
        assertThatThrownBy(() -> new OutgoingCallRequest(1, 1, 0, 0, 3, 3, 64, 0, "12\n3", ""))
                .hasMessage(
                        "phoneNumber \"12\n3\" has character 0xa at 2; only printable ASCII (0x20..0x7e) is allowed");
    }

    @Test
    void nullStringIsRefused() {
        assertThatThrownBy(() ->
                        new CallDisconnectNotify(1, CallDisconnectNotify.ResultCode.Known.REQUEST, Known.NONE, 0, null))
                .hasMessage("callStatistics is null; send an empty string for an empty field");
    }

    @Test
    void unknownCodeThatIsKnownIsRefusedSoEqualityStaysSimple() {
        assertThatThrownBy(() -> new OutgoingCallReply.ResultCode.Unknown(1))
                .hasMessage("result code 1 is known as CONNECTED");
        assertThatThrownBy(() -> new GeneralError.Unknown(4)).hasMessage("error code 4 is known as NO_RESOURCE");
    }

    @Test
    void fromCodeKeepsUnknownValues() {
        assertThat(GeneralError.fromCode(6)).isEqualTo(Known.PAC_ERROR);
        assertThat(GeneralError.fromCode(77)).isEqualTo(new GeneralError.Unknown(77));
        assertThat(StopControlConnectionRequest.Reason.fromCode(9).toString()).isEqualTo("9 (unknown)");
    }

    @Test
    void outgoingCallRequestPrintsLikeAPppdLogLine() {
        assertThat(new OutgoingCallRequest(0x1f2a, 1, 300, 100_000_000, 3, 3, 64, 0, "", "").toString())
                .isEqualTo("PPTP Outgoing-Call-Request <Call-ID 0x1f2a> <Call-Serial-Number 1> <Minimum-BPS 300>"
                        + " <Maximum-BPS 100000000> <Bearer-Type 3> <Framing-Type 3> <Window 64> <Delay 0>");
    }

    @Test
    void replyPrintsItsCodesByTheirRfcNames() {
        assertThat(new OutgoingCallReply(
                                0,
                                0x1f2a,
                                OutgoingCallReply.ResultCode.Known.GENERAL_ERROR,
                                Known.NO_RESOURCE,
                                0,
                                0,
                                0,
                                0,
                                0)
                        .toString())
                .startsWith("PPTP Outgoing-Call-Reply <Call-ID 0x0> <Peer-Call-ID 0x1f2a> <Result General-Error>"
                        + " <Error No-Resource>");
    }

    @Test
    void malformedPrintsItsLabelAndDetail() {
        assertThat(new MalformedControlMessage(MalformedControlMessage.Reason.BAD_MAGIC_COOKIE, "x").toString())
                .isEqualTo("PPTP malformed <bad_magic_cookie> x");
    }
}
