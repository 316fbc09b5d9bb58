package io.pptpgw.mppe;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The two octets in front of every MPPE packet (RFC 3078 §3), read and written as an {@code int} so the data path
 * never allocates. A (flushed) and D (encrypted) are MPPE's; B and C belong to MPPC compression, which we refuse.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|B|C|D|    Coherency Count    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Encrypted protocol and data ...
 * </pre>
 */
public final class MppeHeader {
    public static final int LENGTH = 2;
    public static final int FLUSHED = 0x8000;
    public static final int AT_FRONT = 0x4000;
    public static final int COMPRESSED = 0x2000;
    public static final int ENCRYPTED = 0x1000;
    public static final int COHERENCY_COUNT_MASK = 0x0FFF;
    /** The PPP protocol number MPPE packets travel under (RFC 3078 §3). */
    public static final int PPP_PROTOCOL = 0x00FD;

    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MppeHeader() {}

    public static int read(MemorySegment packet, long offset) {
        return packet.get(BIG_ENDIAN_SHORT, offset) & 0xFFFF;
    }

    public static void write(MemorySegment packet, long offset, int header) {
        packet.set(BIG_ENDIAN_SHORT, offset, (short) header);
    }

    /** An encrypted packet's header: D set, A if {@code flushed}. */
    public static int of(boolean flushed, int coherencyCount) {
        return ENCRYPTED | (flushed ? FLUSHED : 0) | (coherencyCount & COHERENCY_COUNT_MASK);
    }

    public static boolean isFlushed(int header) {
        return (header & FLUSHED) != 0;
    }

    public static boolean isEncrypted(int header) {
        return (header & ENCRYPTED) != 0;
    }

    public static boolean isCompressed(int header) {
        return (header & COMPRESSED) != 0;
    }

    public static int coherencyCount(int header) {
        return header & COHERENCY_COUNT_MASK;
    }
}
