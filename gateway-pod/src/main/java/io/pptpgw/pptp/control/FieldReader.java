package io.pptpgw.pptp.control;

import io.netty.buffer.ByteBuf;

/**
 * Reads the body of a control message whose length the codec has already checked against its type, so no read
 * can run past the frame. Reserved fields are read too: the first one that is not zero is remembered, and the
 * codec turns it into a malformed value after the whole body is read (RFC 2637 §2: reserved fields MUST be 0).
 */
final class FieldReader {
    private final ByteBuf in;
    private String nonZeroReserved;

    FieldReader(ByteBuf in) {
        this.in = in;
    }

    int unsigned8() {
        return in.readUnsignedByte();
    }

    int unsigned16() {
        return in.readUnsignedShort();
    }

    long unsigned32() {
        return in.readUnsignedInt();
    }

    void reserved8(String field) {
        noteReserved(field, in.readUnsignedByte());
    }

    void reserved16(String field) {
        noteReserved(field, in.readUnsignedShort());
    }

    /**
     * A fixed-size string up to its first NUL. Octets outside printable ASCII become '?': a peer's host or vendor
     * name is only ever logged, and refusing a client over a non-ASCII host name would help nobody.
     */
    String ascii(int fieldLength) {
        StringBuilder text = new StringBuilder();
        boolean ended = false;
        for (int i = 0; i < fieldLength; i++) {
            int octet = in.readUnsignedByte();
            ended |= octet == 0;
            if (!ended) {
                text.append(octet >= 0x20 && octet <= 0x7E ? (char) octet : '?');
            }
        }
        return text.toString();
    }

    /** The first reserved field that was not zero, as "Reserved1 = 0x1", or null. */
    String nonZeroReserved() {
        return nonZeroReserved;
    }

    private void noteReserved(String field, int value) {
        if (value != 0 && nonZeroReserved == null) {
            nonZeroReserved = field + " = 0x" + Integer.toHexString(value);
        }
    }
}
