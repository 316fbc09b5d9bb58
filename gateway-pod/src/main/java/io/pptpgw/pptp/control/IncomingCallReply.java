package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned8;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.10: the PNS's answer to an Incoming-Call-Request.
 *
 * <pre>
 *  (12-octet header, Control Message Type 10)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Call ID            |        Peer's Call ID         |
 *  |  Result Code  |  Error Code   |   Packet Recv. Window Size    |
 *  |     Packet Transmit Delay     |           Reserved1           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IncomingCallReply(
        int callId,
        int peerCallId,
        ResultCode resultCode,
        GeneralError errorCode,
        int receiveWindowSize,
        int packetTransmitDelay)
        implements ControlMessage {
    public IncomingCallReply {
        unsigned16("callId", callId);
        unsigned16("peerCallId", peerCallId);
        if (resultCode == null || errorCode == null) {
            throw new IllegalArgumentException("resultCode and errorCode are required");
        }
        unsigned16("receiveWindowSize", receiveWindowSize);
        unsigned16("packetTransmitDelay", packetTransmitDelay);
    }

    /** RFC 2637 §2.10 Result Code; a value the RFC does not define is kept as sent. */
    public sealed interface ResultCode permits ResultCode.Known, ResultCode.Unknown {
        int code();

        static ResultCode fromCode(int code) {
            Known known = WireFields.known(Known.values(), Known::code, code);
            return known != null ? known : new Unknown(code);
        }

        enum Known implements ResultCode {
            /** The PAC should answer the call. */
            CONNECT(1, "Connect"),
            GENERAL_ERROR(2, "General-Error"),
            /** The PAC should not accept the call. */
            DO_NOT_ACCEPT(3, "Do-Not-Accept");

            private final int code;
            private final String rfcName;

            Known(int code, String rfcName) {
                this.code = code;
                this.rfcName = rfcName;
            }

            @Override
            public int code() {
                return code;
            }

            @Override
            public String toString() {
                return rfcName;
            }
        }

        record Unknown(int code) implements ResultCode {
            public Unknown {
                unsigned8("result code", code);
                if (WireFields.known(Known.values(), Known::code, code) instanceof Known known) {
                    throw new IllegalArgumentException("result code " + code + " is known as " + known.name());
                }
            }

            @Override
            public String toString() {
                return code + " (unknown)";
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.INCOMING_CALL_REPLY;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(callId).writeShort(peerCallId);
        out.writeByte(resultCode.code()).writeByte(errorCode.code()).writeShort(receiveWindowSize);
        out.writeShort(packetTransmitDelay).writeShort(0);
    }

    static IncomingCallReply readBody(FieldReader in) {
        IncomingCallReply reply = new IncomingCallReply(
                in.unsigned16(),
                in.unsigned16(),
                ResultCode.fromCode(in.unsigned8()),
                GeneralError.fromCode(in.unsigned8()),
                in.unsigned16(),
                in.unsigned16());
        in.reserved16("Reserved1");
        return reply;
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Call-ID", callId)
                .hex("Peer-Call-ID", peerCallId)
                .field("Result", resultCode)
                .field("Error", errorCode)
                .field("Window", receiveWindowSize)
                .field("Delay", packetTransmitDelay)
                .toString();
    }
}
