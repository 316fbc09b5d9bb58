package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.5: a keepalive, sent by either peer when no control message has arrived for a while.
 *
 * <pre>
 *  (12-octet header, Control Message Type 5)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Identifier                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record EchoRequest(long identifier) implements ControlMessage {
    public EchoRequest {
        unsigned32("identifier", identifier);
    }

    @Override
    public MessageType type() {
        return MessageType.ECHO_REQUEST;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeInt((int) identifier);
    }

    static EchoRequest readBody(FieldReader in) {
        return new EchoRequest(in.unsigned32());
    }

    @Override
    public String toString() {
        return new LogLine(type()).hex("Identifier", identifier).toString();
    }
}
