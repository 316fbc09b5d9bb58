package io.pptpgw.client;

import java.nio.ByteBuffer;

/**
 * ICMP echo (RFC 792) in IPv4 (RFC 791), built and recognised by hand so {@code pptpgw probe} can ping through a
 * tunnel without a TUN device: the request goes straight into the data path, the reply comes straight out.
 */
final class IcmpEcho {
    private static final int HEADER = 20;
    private static final int ICMP = 1;

    private IcmpEcho() {}

    static byte[] request(int source, int destination, int identifier, int sequence, int payloadLength) {
        ByteBuffer packet = ByteBuffer.allocate(HEADER + 8 + payloadLength);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) packet.capacity());
        packet.putShort((short) sequence)
                .putShort((short) 0)
                .put((byte) 64)
                .put((byte) ICMP)
                .putShort((short) 0);
        packet.putInt(source).putInt(destination);
        packet.put((byte) 8)
                .put((byte) 0)
                .putShort((short) 0)
                .putShort((short) identifier)
                .putShort((short) sequence);
        for (int i = 0; i < payloadLength; i++) {
            packet.put((byte) i);
        }
        byte[] bytes = packet.array();
        putChecksum(bytes, HEADER, bytes.length - HEADER, HEADER + 2);
        putChecksum(bytes, 0, HEADER, 10);
        return bytes;
    }

    /** Whether {@code packet} is the echo reply from {@code from} to the request (identifier, sequence). */
    static boolean isReply(byte[] packet, int from, int identifier, int sequence) {
        if (packet.length < HEADER + 8 || (packet[0] & 0xF0) != 0x40 || packet[9] != ICMP) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        int ihl = (packet[0] & 0x0F) * 4;
        return buffer.getInt(12) == from
                && packet.length >= ihl + 8
                && packet[ihl] == 0
                && (buffer.getShort(ihl + 4) & 0xFFFF) == identifier
                && (buffer.getShort(ihl + 6) & 0xFFFF) == sequence;
    }

    /** RFC 1071 Internet checksum of {@code length} bytes at {@code offset}, stored at {@code at}. */
    private static void putChecksum(byte[] data, int offset, int length, int at) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = data[offset + i] & 0xFF;
            int low = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
            sum += (high << 8) | low;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xFFFF);
        data[at] = (byte) (checksum >> 8);
        data[at + 1] = (byte) checksum;
    }
}
