package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.ascii;
import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.9: a PAC tells the PNS about an inbound call. VPN gateways never send it; we decode it to answer.
 *
 * <pre>
 *  (12-octet header, Control Message Type 9)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Call ID            |      Call Serial Number       |
 *  |                       Call Bearer Type                        |
 *  |                      Physical Channel ID                      |
 *  |     Dialed Number Length      |     Dialing Number Length     |
 *  |                  Dialed Number (64 octets)                    |
 *  |                  Dialing Number (64 octets)                   |
 *  |                    Subaddress (64 octets)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * As with the Outgoing-Call-Request's Phone Number Length, the two length fields are written from the strings and
 * not trusted on receipt.
 */
public record IncomingCallRequest(
        int callId,
        int callSerialNumber,
        long callBearerType,
        long physicalChannelId,
        String dialedNumber,
        String dialingNumber,
        String subaddress)
        implements ControlMessage {
    public IncomingCallRequest {
        unsigned16("callId", callId);
        unsigned16("callSerialNumber", callSerialNumber);
        unsigned32("callBearerType", callBearerType);
        unsigned32("physicalChannelId", physicalChannelId);
        ascii("dialedNumber", dialedNumber, PptpSpec.PHONE_NUMBER_LENGTH);
        ascii("dialingNumber", dialingNumber, PptpSpec.PHONE_NUMBER_LENGTH);
        ascii("subaddress", subaddress, PptpSpec.SUBADDRESS_LENGTH);
    }

    @Override
    public MessageType type() {
        return MessageType.INCOMING_CALL_REQUEST;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(callId).writeShort(callSerialNumber);
        out.writeInt((int) callBearerType).writeInt((int) physicalChannelId);
        out.writeShort(dialedNumber.length()).writeShort(dialingNumber.length());
        WireFields.writeAscii(out, dialedNumber, PptpSpec.PHONE_NUMBER_LENGTH);
        WireFields.writeAscii(out, dialingNumber, PptpSpec.PHONE_NUMBER_LENGTH);
        WireFields.writeAscii(out, subaddress, PptpSpec.SUBADDRESS_LENGTH);
    }

    static IncomingCallRequest readBody(FieldReader in) {
        int callId = in.unsigned16();
        int callSerialNumber = in.unsigned16();
        long callBearerType = in.unsigned32();
        long physicalChannelId = in.unsigned32();
        in.unsigned16(); // Dialed Number Length: see the class comment
        in.unsigned16(); // Dialing Number Length
        return new IncomingCallRequest(
                callId,
                callSerialNumber,
                callBearerType,
                physicalChannelId,
                in.ascii(PptpSpec.PHONE_NUMBER_LENGTH),
                in.ascii(PptpSpec.PHONE_NUMBER_LENGTH),
                in.ascii(PptpSpec.SUBADDRESS_LENGTH));
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Call-ID", callId)
                .field("Call-Serial-Number", callSerialNumber)
                .field("Call-Bearer-Type", callBearerType)
                .hex("Physical-Channel-ID", physicalChannelId)
                .quoted("Dialed-Number", dialedNumber)
                .quoted("Dialing-Number", dialingNumber)
                .quoted("Subaddress", subaddress)
                .toString();
    }
}
