package io.pptpgw.gre;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A reusable view of one enhanced GRE header (RFC 2637 §4.1; layout in {@link GreSpec}). {@link #parse} fills the
 * fields from a packet without allocating, so one instance serves every packet a worker reads; {@link #write}
 * encodes one. A packet the view rejects is a value: {@code parse} returns {@code false} and {@link
 * #lastDropReason()} says why.
 */
public final class EnhancedGreHeader {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private int flags;
    private int payloadLength;
    private int callId;
    private int sequenceNumber;
    private int acknowledgmentNumber;
    private int headerLength;
    private long payloadOffset;
    private DropReason lastDropReason;

    /**
     * Reads the header at {@code offset}; {@code length} is how many bytes of GRE packet follow it. Bytes after the
     * payload are ignored: the Payload Length field, not the packet, says where the PPP frame ends.
     */
    public boolean parse(MemorySegment packet, long offset, int length) {
        if (length < GreSpec.FIXED_HEADER_LENGTH) {
            return drop(DropReason.TRUNCATED);
        }
        int first = Short.toUnsignedInt(packet.get(U16, offset));
        if ((first & GreSpec.VERSION_MASK) != GreSpec.VERSION) {
            return drop(DropReason.BAD_VERSION);
        }
        if (Short.toUnsignedInt(packet.get(U16, offset + 2)) != GreSpec.PROTOCOL_PPP) {
            return drop(DropReason.BAD_PROTOCOL);
        }
        if ((first & GreSpec.KEY_PRESENT) == 0) {
            return drop(DropReason.KEY_ABSENT);
        }
        if ((first & GreSpec.MUST_BE_ZERO) != 0) {
            return drop(DropReason.UNSUPPORTED_FLAGS);
        }
        boolean sequencePresent = (first & GreSpec.SEQUENCE_PRESENT) != 0;
        boolean acknowledgmentPresent = (first & GreSpec.ACKNOWLEDGMENT_PRESENT) != 0;
        int header = GreSpec.headerLength(sequencePresent, acknowledgmentPresent);
        if (length < header) {
            return drop(DropReason.TRUNCATED);
        }
        int payload = Short.toUnsignedInt(packet.get(U16, offset + 4));
        if (payload > length - header) {
            return drop(DropReason.PAYLOAD_BEYOND_PACKET);
        }
        if (!sequencePresent && payload != 0) {
            return drop(DropReason.PAYLOAD_WITHOUT_SEQUENCE);
        }
        if (!sequencePresent && !acknowledgmentPresent) {
            return drop(DropReason.EMPTY);
        }
        flags = first;
        payloadLength = payload;
        callId = Short.toUnsignedInt(packet.get(U16, offset + 6));
        // The optional fields are packed: without S, the acknowledgement number sits where S would be.
        sequenceNumber = sequencePresent ? packet.get(U32, offset + 8) : 0;
        acknowledgmentNumber = acknowledgmentPresent ? packet.get(U32, offset + header - 4) : 0;
        headerLength = header;
        payloadOffset = offset + header;
        lastDropReason = null;
        return true;
    }

    /**
     * Encodes a header at {@code offset} and returns its length. An acknowledgement-only packet has no sequence
     * number and no payload (RFC 2637 §4.1); a data packet has a sequence number and may carry an acknowledgement.
     */
    public static int write(
            MemorySegment out,
            long offset,
            int callId,
            int payloadLength,
            boolean sequencePresent,
            int sequenceNumber,
            boolean acknowledgmentPresent,
            int acknowledgmentNumber) {
        checkField("call id", callId, GreSpec.MAXIMUM_CALL_ID);
        checkField("payload length", payloadLength, GreSpec.MAXIMUM_PAYLOAD_LENGTH);
        if (!sequencePresent && payloadLength != 0) {
            throw new IllegalArgumentException("payload length " + payloadLength
                    + " needs a sequence number: a packet without one is an acknowledgement only");
        }
        int first = GreSpec.KEY_PRESENT | GreSpec.VERSION;
        first |= sequencePresent ? GreSpec.SEQUENCE_PRESENT : 0;
        first |= acknowledgmentPresent ? GreSpec.ACKNOWLEDGMENT_PRESENT : 0;
        out.set(U16, offset, (short) first);
        out.set(U16, offset + 2, (short) GreSpec.PROTOCOL_PPP);
        out.set(U16, offset + 4, (short) payloadLength);
        out.set(U16, offset + 6, (short) callId);
        long next = offset + GreSpec.FIXED_HEADER_LENGTH;
        if (sequencePresent) {
            out.set(U32, next, sequenceNumber);
            next += 4;
        }
        if (acknowledgmentPresent) {
            out.set(U32, next, acknowledgmentNumber);
            next += 4;
        }
        return (int) (next - offset);
    }

    /** Encodes an acknowledgement-only packet (no sequence number, no payload) and returns its length, 12. */
    public static int writeAcknowledgment(MemorySegment out, long offset, int callId, int acknowledgmentNumber) {
        return write(out, offset, callId, 0, false, 0, true, acknowledgmentNumber);
    }

    private static void checkField(String name, int value, int maximum) {
        if (value < 0 || value > maximum) {
            throw new IllegalArgumentException(name + " " + value + " is outside 0.." + maximum);
        }
    }

    private boolean drop(DropReason reason) {
        lastDropReason = reason;
        return false;
    }

    /** Why the last {@link #parse} returned {@code false}; {@code null} after a successful parse. */
    public DropReason lastDropReason() {
        return lastDropReason;
    }

    /** The first 16 bits: flags and version. */
    public int flags() {
        return flags;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int callId() {
        return callId;
    }

    public boolean hasSequenceNumber() {
        return (flags & GreSpec.SEQUENCE_PRESENT) != 0;
    }

    /** Meaningful only when {@link #hasSequenceNumber()}; compare with {@link SequenceNumbers}. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    public boolean hasAcknowledgmentNumber() {
        return (flags & GreSpec.ACKNOWLEDGMENT_PRESENT) != 0;
    }

    /** Meaningful only when {@link #hasAcknowledgmentNumber()}. */
    public int acknowledgmentNumber() {
        return acknowledgmentNumber;
    }

    public int headerLength() {
        return headerLength;
    }

    /** Where the PPP frame starts, in the coordinates of the segment given to {@link #parse}. */
    public long payloadOffset() {
        return payloadOffset;
    }

    @Override
    public String toString() {
        return "GRE[call=0x" + Integer.toHexString(callId) + " len=" + payloadLength
                + (hasSequenceNumber() ? " seq=" + Integer.toUnsignedString(sequenceNumber) : "")
                + (hasAcknowledgmentNumber() ? " ack=" + Integer.toUnsignedString(acknowledgmentNumber) : "")
                + "]";
    }
}
