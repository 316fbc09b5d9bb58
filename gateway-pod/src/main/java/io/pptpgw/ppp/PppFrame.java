package io.pptpgw.ppp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writing the PPP header in front of a packet (RFC 1661 §2, RFC 1662 §3.1): the Address and Control octets
 * {@code FF 03} unless Address-and-Control-Field-Compression applies, then the Protocol field in one octet when
 * Protocol-Field-Compression applies and the number fits, else two. Parsing is {@link PppFrameView}'s job.
 *
 * <pre>
 * +----------+----------+----------+-------------
 * | Address  | Control  | Protocol | Information
 * |   0xFF   |   0x03   | 8/16 bits|
 * +----------+----------+----------+-------------
 * </pre>
 *
 * LCP packets are always sent with both fields uncompressed (RFC 1661 §6.5, §6.6); {@link #encodeControl} does so for
 * every control protocol, which is always allowed.
 */
public final class PppFrame {
    public static final int ADDRESS = 0xFF;
    public static final int CONTROL = 0x03;
    /** The longest header: address, control and a two-octet protocol. */
    public static final int MAXIMUM_HEADER_LENGTH = 4;

    private PppFrame() {}

    /** The header length for these choices; {@code compressProtocol} applies only to numbers below 0x100. */
    public static int headerLength(int protocol, boolean compressAddressAndControl, boolean compressProtocol) {
        return (compressAddressAndControl ? 0 : 2) + (compressProtocol && protocol < 0x100 ? 1 : 2);
    }

    /**
     * Writes the header at {@code offset} without allocating and returns its length, so the data path can place it in
     * front of a packet already in a buffer.
     */
    public static int writeHeader(
            MemorySegment out, long offset, int protocol, boolean compressAddressAndControl, boolean compressProtocol) {
        long position = offset;
        if (!compressAddressAndControl) {
            out.set(ValueLayout.JAVA_BYTE, position++, (byte) ADDRESS);
            out.set(ValueLayout.JAVA_BYTE, position++, (byte) CONTROL);
        }
        if (!compressProtocol || protocol >= 0x100) {
            out.set(ValueLayout.JAVA_BYTE, position++, (byte) (protocol >> 8));
        }
        out.set(ValueLayout.JAVA_BYTE, position++, (byte) protocol);
        return (int) (position - offset);
    }

    /** A whole frame as a new array: header, then {@code information}. */
    public static byte[] encode(
            int protocol, byte[] information, boolean compressAddressAndControl, boolean compressProtocol) {
        if (!PppProtocol.isValidNumber(protocol)) {
            throw new IllegalArgumentException(String.format(
                    "protocol 0x%04x is not a PPP protocol number (odd low octet, even high octet, RFC 1661 §2)",
                    protocol));
        }
        int header = headerLength(protocol, compressAddressAndControl, compressProtocol);
        byte[] frame = new byte[header + information.length];
        writeHeader(MemorySegment.ofArray(frame), 0, protocol, compressAddressAndControl, compressProtocol);
        System.arraycopy(information, 0, frame, header, information.length);
        return frame;
    }

    /** A control packet framed with {@code FF 03} and a two-octet protocol, as LCP requires and every peer accepts. */
    public static byte[] encodeControl(int protocol, ControlPacket packet) {
        return encode(protocol, ControlPacketCodec.encode(packet), false, false);
    }
}
