package io.pptpgw.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.client.ClientSession;
import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.gre.GreSpec;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.gre.memory.InMemoryGreLink;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.testing.Hex;
import io.pptpgw.testing.Ipv4Packets;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input to the gateway's data path, in process: crafted GRE injected into the server's GRE
 * endpoint, and garbage PPP frames sent in a live call with correct sequence numbers. Each is dropped and counted by
 * its reason, nothing else is, and the session keeps carrying IP both ways.
 */
class MalformedDataPathTest {
    private static final int LOOPBACK = Ipv4.parse("127.0.0.1");
    private static final int INSIDE_HOST = Ipv4.parse("10.0.0.5");
    private static final Duration PROCESSED = Duration.ofSeconds(10);

    @Test
    void craftedGrePacketsAreDroppedByReasonAndTheSessionCarriesOn() throws Exception {
        try (InMemoryGateway gateway = gateway(MppePolicy.defaults());
                PacketBatch batch = new PacketBatch(1, 2048)) {
            ClientSession session = dial(gateway, MppePolicy.defaults());
            int callId = session.peerCallId();
            int unknownCallId = callId ^ 0x8000;
            DropCounts drops = new DropCounts(gateway.serverDataPlane);

            inject(gateway, batch, Hex.bytes("3081 880B"), LOOPBACK);
            drops.expect(Drop.GRE_TRUNCATED, 1);
            inject(gateway, batch, data(0x3000, callId, 5, 0, "FF03C021"), LOOPBACK); // version 0
            drops.expect(Drop.GRE_BAD_VERSION, 1);
            inject(gateway, batch, withProtocol(data(0x3001, callId, 5, 0, "FF03C021"), 0x0800), LOOPBACK);
            drops.expect(Drop.GRE_BAD_PROTOCOL, 1);
            inject(gateway, batch, data(0x1001, callId, 5, 0, "FF03C021"), LOOPBACK); // no K bit
            drops.expect(Drop.GRE_KEY_ABSENT, 1);
            inject(gateway, batch, data(0xB001, callId, 5, 0, "FF03C021"), LOOPBACK); // checksum present
            drops.expect(Drop.GRE_UNSUPPORTED_FLAGS, 1);
            inject(gateway, batch, Hex.bytes("3081 880B 0004 0000 0000"), LOOPBACK); // S set, no room for it
            drops.expect(Drop.GRE_TRUNCATED, 2);
            inject(gateway, batch, data(0x3001, callId, 500, 7, "FF03C021"), LOOPBACK);
            drops.expect(Drop.GRE_PAYLOAD_BEYOND_PACKET, 1);
            inject(gateway, batch, Hex.bytes("2001 880B 0004" + hex16(callId) + "FF03 C021"), LOOPBACK);
            drops.expect(Drop.GRE_PAYLOAD_WITHOUT_SEQUENCE, 1);
            inject(gateway, batch, Hex.bytes("2001 880B 0000" + hex16(callId)), LOOPBACK);
            drops.expect(Drop.GRE_EMPTY, 1);
            inject(gateway, batch, data(0x3001, unknownCallId, 4, 7, "FF03C021"), LOOPBACK);
            drops.expect(Drop.GRE_UNKNOWN_CALL_ID, 1);
            inject(gateway, batch, data(0x3001, callId, 4, 7, "FF03C021"), Ipv4.parse("192.0.2.66"));
            drops.expect(Drop.GRE_SOURCE_MISMATCH, 1);
            inject(gateway, batch, data(0x3001, callId, 4, 0, "FF03C021"), LOOPBACK); // sequence 0 came long ago
            drops.expect(Drop.GRE_LATE, 1);
            inject(gateway, batch, data(0x3001, callId, 4, 0x40000000, "FF03C021"), LOOPBACK);
            drops.expect(Drop.GRE_TOO_FAR_AHEAD, 1);
            // An acknowledgement of packets never sent, alone: ignored, not a drop, and no harm to the window.
            inject(gateway, batch, Hex.bytes("2081 880B 0000" + hex16(callId) + "7FFF FFFF"), LOOPBACK);

            assertCarriesIpBothWays(gateway, session);
            drops.assertNothingElse();
        }
    }

    @Test
    void garbagePppInALiveEncryptedCallIsDroppedByReasonAndTheSessionCarriesOn() throws Exception {
        try (InMemoryGateway gateway = gateway(MppePolicy.defaults())) {
            ClientSession session = dial(gateway, MppePolicy.defaults());
            assertCarriesIpBothWays(gateway, session); // the receive cipher has now taken coherency count 0
            DropCounts drops = new DropCounts(gateway.serverDataPlane);
            int clientAddress = Ipv4Address.of(session.address()).bits();
            byte[] plainIp =
                    Ipv4Packets.udp(clientAddress, INSIDE_HOST, "in the clear".getBytes(StandardCharsets.US_ASCII));

            send(gateway, session, new byte[0]);
            drops.expect(Drop.PPP_TRUNCATED, 1);
            send(gateway, session, Hex.bytes("00"));
            drops.expect(Drop.PPP_TRUNCATED, 2);
            send(gateway, session, Hex.bytes("FF"));
            drops.expect(Drop.PPP_BAD_CONTROL_FIELD, 1);
            send(gateway, session, Hex.bytes("FF05 0021 4500"));
            drops.expect(Drop.PPP_BAD_CONTROL_FIELD, 2);
            send(gateway, session, Hex.bytes("FF03 0020 4500"));
            drops.expect(Drop.PPP_INVALID_PROTOCOL, 1);
            send(gateway, session, concat(Hex.bytes("FF03 0021"), plainIp));
            drops.expect(Drop.PPP_UNENCRYPTED_REFUSED, 1);
            send(gateway, session, Hex.bytes("FF03 00FD 90"));
            drops.expect(Drop.MPPE_MALFORMED, 1);
            send(gateway, session, Hex.bytes("FF03 00FD 0005 DEAD BEEF"));
            drops.expect(Drop.MPPE_NOT_ENCRYPTED, 1);
            send(gateway, session, Hex.bytes("FF03 00FD 3005 DEAD BEEF"));
            drops.expect(Drop.MPPE_COMPRESSED, 1);
            send(gateway, session, Hex.bytes("FF03 00FD 9000 DEAD BEEF"));
            drops.expect(Drop.MPPE_LATE, 1);
            // A protocol we do not speak goes to the link, which answers with an LCP Protocol-Reject.
            send(gateway, session, Hex.bytes("FF03 8057 0101 0004"));

            assertCarriesIpBothWays(gateway, session);
            drops.assertNothingElse();
        }
    }

    @Test
    void unencryptedCallDropsMalformedAndSpoofedIp() throws Exception {
        MppePolicy off = new MppePolicy(MppePolicy.Encryption.OFF, false, false);
        try (InMemoryGateway gateway = gateway(off)) {
            ClientSession session = dial(gateway, off);
            assertThat(session.encryption()).isEqualTo("none");
            DropCounts drops = new DropCounts(gateway.serverDataPlane);
            int clientAddress = Ipv4Address.of(session.address()).bits();
            byte[] spoofed = Ipv4Packets.udp(
                    clientAddress + 1, INSIDE_HOST, "not my address".getBytes(StandardCharsets.US_ASCII));

            send(gateway, session, concat(Hex.bytes("FF03 0021"), spoofed));
            drops.expect(Drop.IP_SPOOFED_SOURCE, 1);
            send(gateway, session, Hex.bytes("FF03 0021 4500 0014 0000"));
            drops.expect(Drop.IP_MALFORMED, 1);
            send(gateway, session, concat(Hex.bytes("FF03 0021"), Hex.bytes("6000 0000 0000 1140"), spoofed));
            drops.expect(Drop.IP_MALFORMED, 2); // version 6 inside IPCP's protocol
            send(gateway, session, Hex.bytes("FF03 00FD 9001 DEAD BEEF"));
            drops.expect(Drop.PPP_LINK_NOT_UP, 1); // MPPE on a link that never negotiated it

            assertCarriesIpBothWays(gateway, session);
            drops.assertNothingElse();
        }
    }

    private static InMemoryGateway gateway(MppePolicy policy) {
        return new InMemoryGateway(InMemoryGreLink.Impairment.NONE, policy, Map.of("alice", "secret"));
    }

    private static ClientSession dial(InMemoryGateway gateway, MppePolicy policy) throws Exception {
        return gateway.client
                .dial(
                        gateway.serverAddress(),
                        "alice",
                        new Credential.Password("secret"),
                        InMemoryGateway.clientLink(policy))
                .get(20, TimeUnit.SECONDS);
    }

    /** A raw GRE packet into the server's endpoint, as if from {@code source}. */
    private static void inject(InMemoryGateway gateway, PacketBatch batch, byte[] packet, int source) {
        batch.clear();
        MemorySegment.copy(packet, 0, batch.segment(), ValueLayout.JAVA_BYTE, batch.slotOffset(0), packet.length);
        batch.set(0, 0, packet.length, LOOPBACK, source, 0);
        batch.count(1);
        assertThat(gateway.link.b().send(batch, 0)).isEqualTo(1);
    }

    /** A PPP frame in the client's call: the client's data path gives it the next sequence number. */
    private static void send(InMemoryGateway gateway, ClientSession session, byte[] frame) {
        gateway.client.dataPlane().send(session.session().tunnel(), frame);
    }

    /** A GRE packet with {@code flags}, a sequence number and a Payload Length field of {@code declared}. */
    private static byte[] data(int flags, int callId, int declared, int sequence, String payloadHex) {
        byte[] payload = Hex.bytes(payloadHex);
        ByteBuffer packet = ByteBuffer.allocate(12 + payload.length);
        packet.putShort((short) flags)
                .putShort((short) GreSpec.PROTOCOL_PPP)
                .putShort((short) declared)
                .putShort((short) callId)
                .putInt(sequence)
                .put(payload);
        return packet.array();
    }

    private static byte[] withProtocol(byte[] packet, int protocol) {
        ByteBuffer.wrap(packet).putShort(2, (short) protocol);
        return packet;
    }

    private static String hex16(int value) {
        return String.format("%04X", value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(
                java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private static void assertCarriesIpBothWays(InMemoryGateway gateway, ClientSession session) throws Exception {
        int clientAddress = Ipv4Address.of(session.address()).bits();
        byte[] outbound = Ipv4Packets.udp(clientAddress, INSIDE_HOST, "out".getBytes(StandardCharsets.US_ASCII));
        gateway.clientTun.inject(outbound);
        assertThat(gateway.serverTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(outbound);
        byte[] inbound = Ipv4Packets.udp(INSIDE_HOST, clientAddress, "in".getBytes(StandardCharsets.US_ASCII));
        gateway.serverTun.inject(inbound);
        assertThat(gateway.clientTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(inbound);
    }

    /** The server's drop counters against a baseline: each expectation awaited, and nothing unexpected. */
    private static final class DropCounts {
        private final DataPlane dataPlane;
        private final Map<Drop, Long> baseline = new EnumMap<>(Drop.class);
        private final Map<Drop, Long> expected = new EnumMap<>(Drop.class);

        DropCounts(DataPlane dataPlane) {
            this.dataPlane = dataPlane;
            for (Drop reason : Drop.values()) {
                baseline.put(reason, dataPlane.dropped(reason));
            }
        }

        void expect(Drop reason, long count) {
            expected.put(reason, count);
            await().atMost(PROCESSED)
                    .untilAsserted(() -> assertThat(dataPlane.dropped(reason) - baseline.get(reason))
                            .as("drops of " + reason)
                            .isEqualTo(count));
        }

        void assertNothingElse() {
            for (Drop reason : Drop.values()) {
                assertThat(dataPlane.dropped(reason) - baseline.get(reason))
                        .as("drops of " + reason)
                        .isEqualTo(expected.getOrDefault(reason, 0L));
            }
        }
    }
}
