package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;
import static io.pptpgw.pptp.control.WireFields.unsigned8;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.8: the PAC's answer to an Outgoing-Call-Request. {@code callId} is the PAC's Call ID for the call
 * (what the client's GRE packets carry), {@code peerCallId} echoes the request's Call ID.
 *
 * <pre>
 *  (12-octet header, Control Message Type 8)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Call ID            |        Peer's Call ID         |
 *  |  Result Code  |  Error Code   |          Cause Code           |
 *  |                         Connect Speed                         |
 *  |   Packet Recv. Window Size    |    Packet Processing Delay    |
 *  |                      Physical Channel ID                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record OutgoingCallReply(
        int callId,
        int peerCallId,
        ResultCode resultCode,
        GeneralError errorCode,
        int causeCode,
        long connectSpeed,
        int receiveWindowSize,
        int packetProcessingDelay,
        long physicalChannelId)
        implements ControlMessage {
    public OutgoingCallReply {
        unsigned16("callId", callId);
        unsigned16("peerCallId", peerCallId);
        if (resultCode == null || errorCode == null) {
            throw new IllegalArgumentException("resultCode and errorCode are required");
        }
        unsigned16("causeCode", causeCode);
        unsigned32("connectSpeed", connectSpeed);
        unsigned16("receiveWindowSize", receiveWindowSize);
        unsigned16("packetProcessingDelay", packetProcessingDelay);
        unsigned32("physicalChannelId", physicalChannelId);
    }

    /** RFC 2637 §2.8 Result Code; a value the RFC does not define is kept as sent. */
    public sealed interface ResultCode permits ResultCode.Known, ResultCode.Unknown {
        int code();

        static ResultCode fromCode(int code) {
            Known known = WireFields.known(Known.values(), Known::code, code);
            return known != null ? known : new Unknown(code);
        }

        enum Known implements ResultCode {
            /** Call established with no errors. */
            CONNECTED(1, "Connected"),
            /** Outgoing call not established for the reason in the Error Code. */
            GENERAL_ERROR(2, "General-Error"),
            NO_CARRIER(3, "No-Carrier"),
            BUSY(4, "Busy"),
            NO_DIAL_TONE(5, "No-Dial-Tone"),
            /** The call was not established within the time the PAC allows. */
            TIME_OUT(6, "Time-out"),
            /** The call was administratively prohibited. */
            DO_NOT_ACCEPT(7, "Do-Not-Accept");

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
        return MessageType.OUTGOING_CALL_REPLY;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(callId).writeShort(peerCallId);
        out.writeByte(resultCode.code()).writeByte(errorCode.code()).writeShort(causeCode);
        out.writeInt((int) connectSpeed);
        out.writeShort(receiveWindowSize).writeShort(packetProcessingDelay);
        out.writeInt((int) physicalChannelId);
    }

    static OutgoingCallReply readBody(FieldReader in) {
        return new OutgoingCallReply(
                in.unsigned16(),
                in.unsigned16(),
                ResultCode.fromCode(in.unsigned8()),
                GeneralError.fromCode(in.unsigned8()),
                in.unsigned16(),
                in.unsigned32(),
                in.unsigned16(),
                in.unsigned16(),
                in.unsigned32());
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Call-ID", callId)
                .hex("Peer-Call-ID", peerCallId)
                .field("Result", resultCode)
                .field("Error", errorCode)
                .field("Cause", causeCode)
                .field("Connect-Speed", connectSpeed)
                .field("Window", receiveWindowSize)
                .field("Delay", packetProcessingDelay)
                .hex("Physical-Channel-ID", physicalChannelId)
                .toString();
    }
}
