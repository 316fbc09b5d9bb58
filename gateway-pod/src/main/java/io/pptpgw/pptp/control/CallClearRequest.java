package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned16;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.12: the PNS asks the PAC to disconnect a call. {@code callId} is the PNS's own Call ID, because it may
 * not know the PAC's yet when it aborts a call during setup.
 *
 * <pre>
 *  (12-octet header, Control Message Type 12)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Call ID            |           Reserved1           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CallClearRequest(int callId) implements ControlMessage {
    public CallClearRequest {
        unsigned16("callId", callId);
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_CLEAR_REQUEST;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(callId).writeShort(0);
    }

    static CallClearRequest readBody(FieldReader in) {
        int callId = in.unsigned16();
        in.reserved16("Reserved1");
        return new CallClearRequest(callId);
    }

    @Override
    public String toString() {
        return new LogLine(type()).hex("Call-ID", callId).toString();
    }
}
