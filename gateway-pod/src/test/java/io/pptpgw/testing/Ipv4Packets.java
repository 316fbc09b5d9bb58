package io.pptpgw.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Hand-built IPv4 packets for data-path tests: UDP with a payload, and ICMP echo. */
public final class Ipv4Packets {
    private Ipv4Packets() {}

    public static byte[] udp(int source, int destination, byte[] payload) {
        ByteBuffer packet = ByteBuffer.allocate(20 + 8 + payload.length);
        header(packet, 17, source, destination);
        packet.putShort((short) 40000)
                .putShort((short) 9)
                .putShort((short) (8 + payload.length))
                .putShort((short) 0);
        packet.put(payload);
        return checksummed(packet.array());
    }

    public static byte[] icmpEcho(int source, int destination, int identifier, int sequence, byte[] payload) {
        ByteBuffer packet = ByteBuffer.allocate(20 + 8 + payload.length);
        header(packet, 1, source, destination);
        packet.put((byte) 8)
                .put((byte) 0)
                .putShort((short) 0)
                .putShort((short) identifier)
                .putShort((short) sequence);
        packet.put(payload);
        byte[] bytes = packet.array();
        int icmpChecksum = checksum(bytes, 20, bytes.length - 20);
        bytes[22] = (byte) (icmpChecksum >> 8);
        bytes[23] = (byte) icmpChecksum;
        return checksummed(bytes);
    }

    public static int source(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(12);
    }

    public static int destination(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(16);
    }

    private static void header(ByteBuffer packet, int protocol, int source, int destination) {
        packet.put((byte) 0x45).put((byte) 0).putShort((short) packet.capacity());
        packet.putShort((short) 1)
                .putShort((short) 0x4000)
                .put((byte) 64)
                .put((byte) protocol)
                .putShort((short) 0);
        packet.putInt(source).putInt(destination);
    }

    private static byte[] checksummed(byte[] packet) {
        int sum = checksum(packet, 0, 20);
        packet[10] = (byte) (sum >> 8);
        packet[11] = (byte) sum;
        return packet;
    }

    /** RFC 1071: the one's complement of the one's complement sum of 16-bit words. */
    public static int checksum(byte[] data, int offset, int length) {
        byte[] even = Arrays.copyOfRange(data, offset, offset + length + (length & 1));
        long sum = 0;
        for (int i = 0; i < even.length; i += 2) {
            sum += ((even[i] & 0xFF) << 8) | (even[i + 1] & 0xFF);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
