package io.pptpgw.ppp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A reusable view of one received PPP frame: {@link #parse} reads the optional {@code FF 03} and the one- or
 * two-octet Protocol field in place and records where the information starts, with no allocation, so the data path
 * can keep one view per worker. Both compressed forms are accepted whether or not they were negotiated, as RFC 1661
 * §6.5 and §6.6 allow a receiver to be liberal.
 */
public final class PppFrameView {
    /** Why a frame was dropped; a label of the data path's drop counter. */
    public enum DropReason {
        /** No complete Protocol field. */
        TRUNCATED,
        /** {@code FF} not followed by {@code 03}: 0xFF cannot start a Protocol field (RFC 1661 §2). */
        BAD_CONTROL_FIELD,
        /** A two-octet Protocol field whose low octet is even (RFC 1661 §2). */
        INVALID_PROTOCOL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private int protocol;
    private long informationOffset;
    private int informationLength;
    private DropReason dropReason;

    /** Parses {@code length} octets at {@code offset}; false means dropped, with {@link #dropReason()} set. */
    public boolean parse(MemorySegment frame, long offset, int length) {
        long position = offset;
        long end = offset + length;
        dropReason = null;
        if (length >= 1 && octet(frame, position) == PppFrame.ADDRESS) {
            if (length < 2 || octet(frame, position + 1) != PppFrame.CONTROL) {
                return drop(DropReason.BAD_CONTROL_FIELD);
            }
            position += 2;
        }
        if (position >= end) {
            return drop(DropReason.TRUNCATED);
        }
        int first = octet(frame, position);
        if ((first & 1) == 1) {
            protocol = first; // RFC 1661 §6.5: a compressed Protocol field is the odd low octet alone
            position += 1;
        } else {
            if (position + 1 >= end) {
                return drop(DropReason.TRUNCATED);
            }
            int second = octet(frame, position + 1);
            if ((second & 1) == 0) {
                return drop(DropReason.INVALID_PROTOCOL);
            }
            protocol = (first << 8) | second;
            position += 2;
        }
        informationOffset = position;
        informationLength = (int) (end - position);
        return true;
    }

    /** The control path's form: the same rules over a heap array. */
    public boolean parse(byte[] frame, int offset, int length) {
        return parse(MemorySegment.ofArray(frame), offset, length);
    }

    public int protocol() {
        return protocol;
    }

    /** Where the information field starts, counted from the start of the segment given to {@link #parse}. */
    public long informationOffset() {
        return informationOffset;
    }

    public int informationLength() {
        return informationLength;
    }

    /** Why the last {@link #parse} returned false, or null after a successful parse. */
    public DropReason dropReason() {
        return dropReason;
    }

    private boolean drop(DropReason reason) {
        dropReason = reason;
        return false;
    }

    private static int octet(MemorySegment frame, long position) {
        return frame.get(ValueLayout.JAVA_BYTE, position) & 0xFF;
    }
}
