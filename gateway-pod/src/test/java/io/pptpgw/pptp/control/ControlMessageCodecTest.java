package io.pptpgw.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pptpgw.pptp.control.MalformedControlMessage.Reason;
import io.pptpgw.testing.WireFormatContract;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The wire-format contract for every control message type, plus one named test per malformation. */
class ControlMessageCodecTest implements WireFormatContract<ControlMessage> {
    @Override
    public List<ControlMessage> samples() {
        return ControlMessageSamples.all();
    }

    @Override
    public byte[] encode(ControlMessage value) {
        return bytes(value);
    }

    @Override
    public ControlMessage decode(byte[] wire) {
        return decodeFrame(wire) instanceof ControlMessage message ? message : null;
    }

    static byte[] bytes(ControlMessage message) {
        ByteBuf out = Unpooled.buffer();
        try {
            ControlMessageCodec.encode(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static DecodedFrame decodeFrame(byte[] wire) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            DecodedFrame frame = ControlMessageCodec.decode(in);
            assertThat(in.isReadable()).as("decode consumes the frame").isFalse();
            return frame;
        } finally {
            in.release();
        }
    }

    @Test
    void samplesCoverEveryMessageType() {
        Set<MessageType> covered = samples().stream()
                .map(ControlMessage::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageType.class)));
        assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void everyEncodingHasItsTypesExactLength() {
        for (ControlMessage sample : samples()) {
            assertThat(bytes(sample)).as("%s", sample).hasSize(sample.type().wireLength());
        }
    }

    @Test
    void longestMessageLengthIsTheLongestType() {
        int longest = Arrays.stream(MessageType.values())
                .mapToInt(MessageType::wireLength)
                .max()
                .orElseThrow();
        assertThat(PptpSpec.LONGEST_MESSAGE_LENGTH).isEqualTo(longest);
    }

    // The named malformations, one per check and in the codec's order.

    @Test
    void oneOctetIsTruncated() {
        assertMalformed(new byte[] {0}, Reason.TRUNCATED, "frame of 1 octets has no Length field");
    }

    @Test
    void lengthFieldDisagreeingWithTheFrameIsALengthMismatch() {
        byte[] wire = echoRequest();
        wire[1] = 15;
        assertMalformed(wire, Reason.LENGTH_MISMATCH, "PPTP length 15 but the frame has 16 octets");
    }

    @Test
    void lengthShorterThanTheHeaderIsOutOfRange() {
        assertMalformed(
                new byte[] {0, 4, 0, 1},
                Reason.LENGTH_OUT_OF_RANGE,
                "PPTP length 4 is shorter than the 12-octet header");
    }

    @Test
    void managementMessageTypeIsNotAControlMessage() {
        byte[] wire = echoRequest();
        wire[3] = 2;
        assertMalformed(wire, Reason.NOT_A_CONTROL_MESSAGE, "PPTP Message Type 2 is not 1 (control message)");
    }

    @Test
    void wrongMagicCookieIsRejected() {
        byte[] wire = echoRequest();
        wire[7] = 0x4e;
        assertMalformed(wire, Reason.BAD_MAGIC_COOKIE, "Magic Cookie 0x1a2b3c4e is not 0x1a2b3c4d");
    }

    @Test
    void nonZeroReserved0IsRejected() {
        byte[] wire = echoRequest();
        wire[11] = 1;
        assertMalformed(wire, Reason.RESERVED0_NOT_ZERO, "Reserved0 0x1 of control message type 5 is not 0");
    }

    @Test
    void controlMessageTypeSixteenIsUnknown() {
        byte[] wire = echoRequest();
        wire[9] = 16;
        assertMalformed(
                wire, Reason.UNKNOWN_CONTROL_MESSAGE_TYPE, "Control Message Type 16 is not one of RFC 2637's 1..15");
    }

    @Test
    void controlMessageTypeZeroIsUnknown() {
        byte[] wire = echoRequest();
        wire[9] = 0;
        assertMalformed(
                wire, Reason.UNKNOWN_CONTROL_MESSAGE_TYPE, "Control Message Type 0 is not one of RFC 2637's 1..15");
    }

    @Test
    void echoReplyLengthOnAnEchoRequestIsTheWrongLengthForItsType() {
        byte[] wire = Arrays.copyOf(echoRequest(), 20);
        wire[1] = 20;
        assertMalformed(wire, Reason.WRONG_LENGTH_FOR_TYPE, "PPTP length 20 does not match Echo-Request (16)");
    }

    @Test
    void nonZeroReservedFieldInTheBodyIsRejectedByName() {
        byte[] wire = bytes(new CallClearRequest(0x1f2a));
        wire[15] = 7;
        assertMalformed(
                wire,
                Reason.RESERVED_FIELD_NOT_ZERO,
                "Reserved1 = 0x7 in Call-Clear-Request is not 0 (RFC 2637 §2.12)");
    }

    @Test
    void stopRequestReserved2IsCheckedAfterReserved1() {
        byte[] wire = bytes(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
        wire[14] = 1;
        assertMalformed(
                wire,
                Reason.RESERVED_FIELD_NOT_ZERO,
                "Reserved2 = 0x100 in Stop-Control-Connection-Request is not 0 (RFC 2637 §2.3)");
    }

    @Test
    void checksRunInOrderSoTheFirstFailureIsReported() {
        byte[] wire = echoRequest();
        wire[3] = 2; // wrong PPTP Message Type
        wire[7] = 0; // and a wrong Magic Cookie
        wire[11] = 1; // and a non-zero Reserved0
        assertThat(((MalformedControlMessage) decodeFrame(wire)).reason()).isEqualTo(Reason.NOT_A_CONTROL_MESSAGE);
    }

    @Test
    void nonAsciiAndControlOctetsInStringsAreShownAsQuestionMarks() {
        byte[] wire = bytes(new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "abc", "v"));
        wire[12 + 16 + 1] = (byte) 0xE9;
        wire[12 + 16 + 2] = '\n';
        StartControlConnectionRequest request = (StartControlConnectionRequest) decodeFrame(wire);
        assertThat(request.hostName()).isEqualTo("a??");
    }

    @Test
    void octetsAfterAStringsNulAreIgnored() {
        byte[] wire = bytes(new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "abc", "v"));
        wire[12 + 16 + 10] = 'x';
        assertThat(((StartControlConnectionRequest) decodeFrame(wire)).hostName())
                .isEqualTo("abc");
    }

    @Test
    void unknownCodesSurviveARoundTripAsSent() {
        byte[] wire = bytes(new OutgoingCallReply(
                1, 2, OutgoingCallReply.ResultCode.Known.CONNECTED, GeneralError.Known.NONE, 0, 0, 0, 0, 0));
        wire[16] = 42;
        wire[17] = 99;
        OutgoingCallReply reply = (OutgoingCallReply) decodeFrame(wire);
        assertThat(reply.resultCode()).isEqualTo(new OutgoingCallReply.ResultCode.Unknown(42));
        assertThat(reply.errorCode()).isEqualTo(new GeneralError.Unknown(99));
        assertThat(bytes(reply)).isEqualTo(wire);
    }

    private static byte[] echoRequest() {
        return bytes(new EchoRequest(0x01020304L));
    }

    private static void assertMalformed(byte[] wire, Reason reason, String detail) {
        assertThat(decodeFrame(wire)).isEqualTo(new MalformedControlMessage(reason, detail));
    }
}
