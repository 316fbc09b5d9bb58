package io.pptpgw.pptp.control;

import io.netty.buffer.ByteBuf;

/**
 * One of the 15 PPTP control messages of RFC 2637 §2. The records validate their fields once, in their compact
 * constructors; {@link ControlMessageCodec} writes the common header and reads and checks every frame.
 */
public sealed interface ControlMessage extends DecodedFrame
        permits StartControlConnectionRequest,
                StartControlConnectionReply,
                StopControlConnectionRequest,
                StopControlConnectionReply,
                EchoRequest,
                EchoReply,
                OutgoingCallRequest,
                OutgoingCallReply,
                IncomingCallRequest,
                IncomingCallReply,
                IncomingCallConnected,
                CallClearRequest,
                CallDisconnectNotify,
                WanErrorNotify,
                SetLinkInfo {
    MessageType type();

    /** Writes the fields after the 12-octet header, reserved fields as zero; the codec writes the header. */
    void writeBody(ByteBuf out);
}
