package io.pptpgw.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pptpgw.testing.Hex;
import io.pptpgw.testing.Vectors;
import org.junit.jupiter.api.Test;

/**
 * The control messages of the real peers in the interop tests ({@code vectors/pptp/real-peers-control.hex}, captured
 * from pptp-linux 1.10.0 and pptpd 1.4.0): each decodes to the fields the peer meant and encodes back to the very
 * bytes it sent, including the odd ones (pptpd announces no framing or bearer capability and numbers its calls from 0).
 */
class RealPeerControlMessagesTest {
    private static final Vectors VECTORS = Vectors.load("/vectors/pptp/real-peers-control.hex");

    @Test
    void pptpLinuxStartControlConnectionRequest() {
        assertThat(roundTrip("pptp-linux-start-control-connection-request"))
                .isEqualTo(new StartControlConnectionRequest(0x0100, 3, 3, 0xFFFF, 1, "local", "cananian"));
    }

    @Test
    void pptpLinuxOutgoingCallRequestAsksForAWindowOfThree() {
        OutgoingCallRequest request = (OutgoingCallRequest) roundTrip("pptp-linux-outgoing-call-request");

        assertThat(request.callSerialNumber()).isZero();
        assertThat(request.minimumBps()).isEqualTo(2400);
        assertThat(request.maximumBps()).isEqualTo(10_000_000);
        assertThat(request.receiveWindowSize()).isEqualTo(3);
        assertThat(request.packetProcessingDelay()).isZero();
        assertThat(request.phoneNumber()).isEmpty();
    }

    @Test
    void pptpdStartControlConnectionReplyAnnouncesNoCapabilities() {
        assertThat(roundTrip("pptpd-start-control-connection-reply"))
                .isEqualTo(new StartControlConnectionReply(
                        0x0100,
                        StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT,
                        GeneralError.Known.NONE,
                        0,
                        0,
                        1,
                        1,
                        "local",
                        "linux"));
    }

    @Test
    void pptpdOutgoingCallReplyGivesCallIdZero() {
        OutgoingCallReply reply = (OutgoingCallReply) roundTrip("pptpd-outgoing-call-reply");

        assertThat(reply.callId()).isZero();
        assertThat(reply.resultCode()).isEqualTo(OutgoingCallReply.ResultCode.Known.CONNECTED);
        assertThat(reply.receiveWindowSize()).isEqualTo(64);
    }

    private static ControlMessage roundTrip(String name) {
        byte[] wire = VECTORS.bytes(name);
        ByteBuf frame = Unpooled.wrappedBuffer(wire);
        DecodedFrame decoded;
        try {
            decoded = ControlMessageCodec.decode(frame);
        } finally {
            frame.release();
        }
        assertThat(decoded).as(name).isInstanceOf(ControlMessage.class);
        ControlMessage message = (ControlMessage) decoded;
        ByteBuf encoded = Unpooled.buffer();
        try {
            ControlMessageCodec.encode(message, encoded);
            assertThat(Hex.string(ByteBufUtil.getBytes(encoded))).as(name).isEqualTo(Hex.string(wire));
        } finally {
            encoded.release();
        }
        return message;
    }
}
