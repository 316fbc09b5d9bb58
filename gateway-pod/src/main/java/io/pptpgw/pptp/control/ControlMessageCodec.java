package io.pptpgw.pptp.control;

import io.netty.buffer.ByteBuf;
import io.pptpgw.pptp.control.MalformedControlMessage.Reason;
import java.util.Optional;

/**
 * Bytes to and from {@link ControlMessage}s. {@link #decode} takes exactly one frame and checks it in a fixed
 * order: Length, PPTP Message Type, Magic Cookie, Reserved0, Control Message Type, the type's exact length, the
 * reserved fields of the body. The first failed check is the answer, as a {@link MalformedControlMessage}; decode
 * never throws and never reads a field before knowing it is there.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Length             |       PPTP Message Type       |
 *  |                         Magic Cookie                          |
 *  |     Control Message Type      |           Reserved0           |
 *  |                      (the message's body)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ControlMessageCodec {
    private ControlMessageCodec() {}

    /** Writes the whole message, header included: exactly {@code message.type().wireLength()} octets. */
    public static void encode(ControlMessage message, ByteBuf out) {
        MessageType type = message.type();
        int start = out.writerIndex();
        out.writeShort(type.wireLength()).writeShort(PptpSpec.CONTROL_MESSAGE).writeInt(PptpSpec.MAGIC_COOKIE);
        out.writeShort(type.code()).writeShort(0);
        message.writeBody(out);
        int written = out.writerIndex() - start;
        if (written != type.wireLength()) {
            throw new IllegalStateException(type + " wrote " + written + " octets; its length is " + type.wireLength());
        }
    }

    /** Decodes the readable bytes of {@code frame} as one whole message, consuming them; never throws. */
    public static DecodedFrame decode(ByteBuf frame) {
        try {
            return decodeChecked(frame);
        } finally {
            frame.skipBytes(frame.readableBytes());
        }
    }

    private static DecodedFrame decodeChecked(ByteBuf frame) {
        int octets = frame.readableBytes();
        if (octets < 2) {
            return malformed(Reason.TRUNCATED, "frame of " + octets + " octets has no Length field");
        }
        int length = frame.getUnsignedShort(frame.readerIndex());
        if (length != octets) {
            return malformed(
                    Reason.LENGTH_MISMATCH, "PPTP length " + length + " but the frame has " + octets + " octets");
        }
        if (length < PptpSpec.HEADER_LENGTH) {
            return malformed(
                    Reason.LENGTH_OUT_OF_RANGE,
                    "PPTP length " + length + " is shorter than the " + PptpSpec.HEADER_LENGTH + "-octet header");
        }
        frame.skipBytes(2);
        return decodeHeader(frame, length);
    }

    private static DecodedFrame decodeHeader(ByteBuf frame, int length) {
        int messageType = frame.readUnsignedShort();
        if (messageType != PptpSpec.CONTROL_MESSAGE) {
            return malformed(
                    Reason.NOT_A_CONTROL_MESSAGE, "PPTP Message Type " + messageType + " is not 1 (control message)");
        }
        int cookie = frame.readInt();
        if (cookie != PptpSpec.MAGIC_COOKIE) {
            return malformed(
                    Reason.BAD_MAGIC_COOKIE, "Magic Cookie 0x" + Integer.toHexString(cookie) + " is not 0x1a2b3c4d");
        }
        int code = frame.readUnsignedShort();
        int reserved0 = frame.readUnsignedShort();
        if (reserved0 != 0) {
            return malformed(
                    Reason.RESERVED0_NOT_ZERO,
                    "Reserved0 0x" + Integer.toHexString(reserved0) + " of control message type " + code + " is not 0");
        }
        Optional<MessageType> type = MessageType.fromCode(code);
        if (type.isEmpty()) {
            return malformed(
                    Reason.UNKNOWN_CONTROL_MESSAGE_TYPE,
                    "Control Message Type " + code + " is not one of RFC 2637's 1..15");
        }
        if (length != type.get().wireLength()) {
            return malformed(
                    Reason.WRONG_LENGTH_FOR_TYPE,
                    "PPTP length " + length + " does not match " + type.get() + " ("
                            + type.get().wireLength() + ")");
        }
        return decodeBody(type.get(), new FieldReader(frame));
    }

    private static DecodedFrame decodeBody(MessageType type, FieldReader in) {
        ControlMessage message;
        try {
            message = readBody(type, in);
        } catch (IllegalArgumentException e) {
            // The readers produce in-range values; this guards records whose constructors check more than range.
            return malformed(Reason.BAD_FIELD_VALUE, type + ": " + e.getMessage());
        }
        if (in.nonZeroReserved() != null) {
            return malformed(
                    Reason.RESERVED_FIELD_NOT_ZERO,
                    in.nonZeroReserved() + " in " + type + " is not 0 (RFC 2637 " + type.section() + ")");
        }
        return message;
    }

    private static ControlMessage readBody(MessageType type, FieldReader in) {
        return switch (type) {
            case START_CONTROL_CONNECTION_REQUEST -> StartControlConnectionRequest.readBody(in);
            case START_CONTROL_CONNECTION_REPLY -> StartControlConnectionReply.readBody(in);
            case STOP_CONTROL_CONNECTION_REQUEST -> StopControlConnectionRequest.readBody(in);
            case STOP_CONTROL_CONNECTION_REPLY -> StopControlConnectionReply.readBody(in);
            case ECHO_REQUEST -> EchoRequest.readBody(in);
            case ECHO_REPLY -> EchoReply.readBody(in);
            case OUTGOING_CALL_REQUEST -> OutgoingCallRequest.readBody(in);
            case OUTGOING_CALL_REPLY -> OutgoingCallReply.readBody(in);
            case INCOMING_CALL_REQUEST -> IncomingCallRequest.readBody(in);
            case INCOMING_CALL_REPLY -> IncomingCallReply.readBody(in);
            case INCOMING_CALL_CONNECTED -> IncomingCallConnected.readBody(in);
            case CALL_CLEAR_REQUEST -> CallClearRequest.readBody(in);
            case CALL_DISCONNECT_NOTIFY -> CallDisconnectNotify.readBody(in);
            case WAN_ERROR_NOTIFY -> WanErrorNotify.readBody(in);
            case SET_LINK_INFO -> SetLinkInfo.readBody(in);
        };
    }

    private static MalformedControlMessage malformed(Reason reason, String detail) {
        return new MalformedControlMessage(reason, detail);
    }
}
