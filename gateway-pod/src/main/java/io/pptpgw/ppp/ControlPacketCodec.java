package io.pptpgw.ppp;

import java.util.Arrays;

/**
 * Bytes to and from {@link ControlPacket}, with the length rules of RFC 1661 §5: a packet shorter than its header or
 * than its Length field is malformed (a value, never an exception); octets beyond Length are padding and ignored.
 */
public final class ControlPacketCodec {
    private ControlPacketCodec() {}

    /** What decoding one control packet gives. */
    public sealed interface Result {}

    /** A well-formed packet; {@code paddingLength} octets followed it and were ignored (RFC 1661 §5). */
    public record Decoded(ControlPacket packet, int paddingLength) implements Result {}

    public record Malformed(String reason) implements Result {}

    public static byte[] encode(ControlPacket packet) {
        byte[] wire = new byte[packet.length()];
        wire[0] = (byte) packet.code();
        wire[1] = (byte) packet.identifier();
        wire[2] = (byte) (packet.length() >> 8);
        wire[3] = (byte) packet.length();
        System.arraycopy(packet.data(), 0, wire, ControlPacket.HEADER_LENGTH, packet.data().length);
        return wire;
    }

    public static Result decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static Result decode(byte[] bytes, int offset, int available) {
        if (available < ControlPacket.HEADER_LENGTH) {
            return new Malformed("control packet of " + available + " bytes is shorter than its "
                    + ControlPacket.HEADER_LENGTH + "-byte header (RFC 1661 §5)");
        }
        int length = ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
        if (length < ControlPacket.HEADER_LENGTH) {
            return new Malformed("Length field " + length + " is shorter than the " + ControlPacket.HEADER_LENGTH
                    + "-byte header (RFC 1661 §5)");
        }
        if (length > available) {
            return new Malformed(
                    "Length field " + length + " exceeds the " + available + " bytes received (RFC 1661 §5)");
        }
        byte[] data = Arrays.copyOfRange(bytes, offset + ControlPacket.HEADER_LENGTH, offset + length);
        return new Decoded(new ControlPacket(bytes[offset] & 0xFF, bytes[offset + 1] & 0xFF, data), available - length);
    }
}
