package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.15: the PNS passes the PPP-negotiated async control character maps to the PAC. Over GRE there is no
 * async framing, so a gateway accepts it and has nothing to do with it.
 *
 * <pre>
 *  (12-octet header, Control Message Type 15)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Peer's Call ID         |           Reserved1           |
 *  |                           Send ACCM                           |
 *  |                          Receive ACCM                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SetLinkInfo(int peerCallId, long sendAccm, long receiveAccm) implements ControlMessage {
    public SetLinkInfo {
        unsigned16("peerCallId", peerCallId);
        unsigned32("sendAccm", sendAccm);
        unsigned32("receiveAccm", receiveAccm);
    }

    @Override
    public MessageType type() {
        return MessageType.SET_LINK_INFO;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(peerCallId).writeShort(0).writeInt((int) sendAccm).writeInt((int) receiveAccm);
    }

    static SetLinkInfo readBody(FieldReader in) {
        int peerCallId = in.unsigned16();
        in.reserved16("Reserved1");
        return new SetLinkInfo(peerCallId, in.unsigned32(), in.unsigned32());
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Peer-Call-ID", peerCallId)
                .hex("Send-ACCM", sendAccm)
                .hex("Receive-ACCM", receiveAccm)
                .toString();
    }
}
