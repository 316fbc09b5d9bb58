package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.14: cumulative WAN error counters for a call, at most once every 60 seconds.
 *
 * <pre>
 *  (12-octet header, Control Message Type 14)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Peer's Call ID         |           Reserved1           |
 *  |                          CRC Errors                           |
 *  |                        Framing Errors                         |
 *  |                       Hardware Overruns                       |
 *  |                        Buffer Overruns                        |
 *  |                        Time-out Errors                        |
 *  |                       Alignment Errors                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record WanErrorNotify(
        int peerCallId,
        long crcErrors,
        long framingErrors,
        long hardwareOverruns,
        long bufferOverruns,
        long timeoutErrors,
        long alignmentErrors)
        implements ControlMessage {
    public WanErrorNotify {
        unsigned16("peerCallId", peerCallId);
        unsigned32("crcErrors", crcErrors);
        unsigned32("framingErrors", framingErrors);
        unsigned32("hardwareOverruns", hardwareOverruns);
        unsigned32("bufferOverruns", bufferOverruns);
        unsigned32("timeoutErrors", timeoutErrors);
        unsigned32("alignmentErrors", alignmentErrors);
    }

    @Override
    public MessageType type() {
        return MessageType.WAN_ERROR_NOTIFY;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(peerCallId).writeShort(0);
        out.writeInt((int) crcErrors).writeInt((int) framingErrors).writeInt((int) hardwareOverruns);
        out.writeInt((int) bufferOverruns).writeInt((int) timeoutErrors).writeInt((int) alignmentErrors);
    }

    static WanErrorNotify readBody(FieldReader in) {
        int peerCallId = in.unsigned16();
        in.reserved16("Reserved1");
        return new WanErrorNotify(
                peerCallId,
                in.unsigned32(),
                in.unsigned32(),
                in.unsigned32(),
                in.unsigned32(),
                in.unsigned32(),
                in.unsigned32());
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Peer-Call-ID", peerCallId)
                .field("CRC-Errors", crcErrors)
                .field("Framing-Errors", framingErrors)
                .field("Hardware-Overruns", hardwareOverruns)
                .field("Buffer-Overruns", bufferOverruns)
                .field("Time-out-Errors", timeoutErrors)
                .field("Alignment-Errors", alignmentErrors)
                .toString();
    }
}
