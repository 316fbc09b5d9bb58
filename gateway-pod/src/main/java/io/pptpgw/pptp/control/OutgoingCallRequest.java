package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.ascii;
import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.7: the PNS (a VPN client) asks the PAC (our gateway) to place a call; for a VPN this is how a client
 * opens its tunnel. {@code callId} is the client's Call ID, the one our GRE packets to it carry.
 *
 * <pre>
 *  (12-octet header, Control Message Type 7)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Call ID            |      Call Serial Number       |
 *  |                          Minimum BPS                          |
 *  |                          Maximum BPS                          |
 *  |                          Bearer Type                          |
 *  |                          Framing Type                         |
 *  |   Packet Recv. Window Size    |    Packet Processing Delay    |
 *  |      Phone Number Length      |           Reserved1           |
 *  |                   Phone Number (64 octets)                    |
 *  |                    Subaddress (64 octets)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The Phone Number Length field is written as the phone number's length and not trusted on receipt: the string
 * ends at its first NUL, as with every string field.
 */
public record OutgoingCallRequest(
        int callId,
        int callSerialNumber,
        long minimumBps,
        long maximumBps,
        long bearerType,
        long framingType,
        int receiveWindowSize,
        int packetProcessingDelay,
        String phoneNumber,
        String subaddress)
        implements ControlMessage {
    public OutgoingCallRequest {
        unsigned16("callId", callId);
        unsigned16("callSerialNumber", callSerialNumber);
        unsigned32("minimumBps", minimumBps);
        unsigned32("maximumBps", maximumBps);
        unsigned32("bearerType", bearerType);
        unsigned32("framingType", framingType);
        unsigned16("receiveWindowSize", receiveWindowSize);
        unsigned16("packetProcessingDelay", packetProcessingDelay);
        ascii("phoneNumber", phoneNumber, PptpSpec.PHONE_NUMBER_LENGTH);
        ascii("subaddress", subaddress, PptpSpec.SUBADDRESS_LENGTH);
    }

    @Override
    public MessageType type() {
        return MessageType.OUTGOING_CALL_REQUEST;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(callId).writeShort(callSerialNumber);
        out.writeInt((int) minimumBps).writeInt((int) maximumBps);
        out.writeInt((int) bearerType).writeInt((int) framingType);
        out.writeShort(receiveWindowSize).writeShort(packetProcessingDelay);
        out.writeShort(phoneNumber.length()).writeShort(0);
        WireFields.writeAscii(out, phoneNumber, PptpSpec.PHONE_NUMBER_LENGTH);
        WireFields.writeAscii(out, subaddress, PptpSpec.SUBADDRESS_LENGTH);
    }

    static OutgoingCallRequest readBody(FieldReader in) {
        int callId = in.unsigned16();
        int callSerialNumber = in.unsigned16();
        long minimumBps = in.unsigned32();
        long maximumBps = in.unsigned32();
        long bearerType = in.unsigned32();
        long framingType = in.unsigned32();
        int receiveWindowSize = in.unsigned16();
        int packetProcessingDelay = in.unsigned16();
        in.unsigned16(); // Phone Number Length: see the class comment
        in.reserved16("Reserved1");
        return new OutgoingCallRequest(
                callId,
                callSerialNumber,
                minimumBps,
                maximumBps,
                bearerType,
                framingType,
                receiveWindowSize,
                packetProcessingDelay,
                in.ascii(PptpSpec.PHONE_NUMBER_LENGTH),
                in.ascii(PptpSpec.SUBADDRESS_LENGTH));
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Call-ID", callId)
                .field("Call-Serial-Number", callSerialNumber)
                .field("Minimum-BPS", minimumBps)
                .field("Maximum-BPS", maximumBps)
                .field("Bearer-Type", bearerType)
                .field("Framing-Type", framingType)
                .field("Window", receiveWindowSize)
                .field("Delay", packetProcessingDelay)
                .quoted("Phone-Number", phoneNumber)
                .quoted("Subaddress", subaddress)
                .toString();
    }
}
