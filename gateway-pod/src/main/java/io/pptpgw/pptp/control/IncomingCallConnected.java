package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.11: the PAC tells the PNS that an incoming call it accepted is answered.
 *
 * <pre>
 *  (12-octet header, Control Message Type 11)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Peer's Call ID         |           Reserved1           |
 *  |                         Connect Speed                         |
 *  |   Packet Recv. Window Size    |     Packet Transmit Delay     |
 *  |                         Framing Type                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IncomingCallConnected(
        int peerCallId, long connectSpeed, int receiveWindowSize, int packetTransmitDelay, long framingType)
        implements ControlMessage {
    public IncomingCallConnected {
        unsigned16("peerCallId", peerCallId);
        unsigned32("connectSpeed", connectSpeed);
        unsigned16("receiveWindowSize", receiveWindowSize);
        unsigned16("packetTransmitDelay", packetTransmitDelay);
        unsigned32("framingType", framingType);
    }

    @Override
    public MessageType type() {
        return MessageType.INCOMING_CALL_CONNECTED;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(peerCallId).writeShort(0).writeInt((int) connectSpeed);
        out.writeShort(receiveWindowSize).writeShort(packetTransmitDelay).writeInt((int) framingType);
    }

    static IncomingCallConnected readBody(FieldReader in) {
        int peerCallId = in.unsigned16();
        in.reserved16("Reserved1");
        return new IncomingCallConnected(
                peerCallId, in.unsigned32(), in.unsigned16(), in.unsigned16(), in.unsigned32());
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Peer-Call-ID", peerCallId)
                .field("Connect-Speed", connectSpeed)
                .field("Window", receiveWindowSize)
                .field("Delay", packetTransmitDelay)
                .field("Framing-Type", framingType)
                .toString();
    }
}
