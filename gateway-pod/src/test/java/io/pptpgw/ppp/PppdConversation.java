package io.pptpgw.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.testing.Hex;
import io.pptpgw.testing.Vectors;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A captured PPTP call between a real peer and us, as {@link Vectors} of GRE packets named {@code <side>-...}: each
 * packet's enhanced GRE header and PPP frame taken apart with our own views, so tests can replay the peer's side
 * into a {@link PppLink} and compare our answers with what we sent when the real peer accepted them.
 *
 * <p>The randomness of the captured call is replayed with it: {@link #magicNumber} and {@link Replayed} give our link
 * the Magic-Number and challenge it used, so every answer is deterministic.
 */
final class PppdConversation {

    /** One captured GRE packet: who sent it, its GRE header fields, and its PPP protocol and information field. */
    record Packet(String name, boolean fromPeer, int sequenceNumber, int protocol, byte[] information) {
        boolean isControl() {
            return protocol == PppProtocol.LCP.number()
                    || protocol == PppProtocol.CHAP.number()
                    || protocol == PppProtocol.IPCP.number()
                    || protocol == PppProtocol.CCP.number()
                    || protocol == PppProtocol.IPV6CP.number();
        }
    }

    private PppdConversation() {}

    /** The packets with a PPP payload, in capture order; {@code peer} is the name prefix of the real peer's side. */
    static List<Packet> read(String resource, String peer) {
        List<Packet> packets = new ArrayList<>();
        EnhancedGreHeader header = new EnhancedGreHeader();
        PppFrameView frame = new PppFrameView();
        for (Vectors.Vector vector : Vectors.load(resource).all()) {
            byte[] bytes = vector.bytes();
            MemorySegment segment = MemorySegment.ofArray(bytes);
            if (!header.parse(segment, 0, bytes.length)) {
                throw new IllegalArgumentException(
                        resource + " " + vector.name() + ": not enhanced GRE: " + header.lastDropReason());
            }
            if (header.payloadLength() == 0) {
                continue; // an acknowledgement alone
            }
            int offset = (int) header.payloadOffset();
            if (!frame.parse(bytes, offset, header.payloadLength())) {
                throw new IllegalArgumentException(
                        resource + " " + vector.name() + ": not a PPP frame: " + frame.dropReason());
            }
            int from = (int) frame.informationOffset();
            packets.add(new Packet(
                    vector.name(),
                    vector.name().startsWith(peer + "-"),
                    header.sequenceNumber(),
                    frame.protocol(),
                    Arrays.copyOfRange(bytes, from, from + frame.informationLength())));
        }
        return packets;
    }

    /**
     * Feeds the peer's control packets in capture order; each of ours must have been sent by the time the capture
     * shows it, byte for byte, and nothing more. MPPE-encrypted data is left out.
     */
    static void replay(PppLink link, RecordingSink sink, List<Packet> conversation) {
        int answered = 0;
        for (Packet packet : conversation) {
            if (!packet.isControl()) {
                continue;
            }
            if (packet.fromPeer()) {
                link.receive(packet.protocol(), packet.information());
                continue;
            }
            assertThat(sink.sent)
                    .as("by the time the capture shows %s we must have sent it", packet.name())
                    .hasSizeGreaterThan(answered);
            RecordingSink.Sent ours = sink.sent.get(answered++);
            assertThat(ours.protocol()).as(packet.name()).isEqualTo(packet.protocol());
            assertThat(Hex.string(ControlPacketCodec.encode(ours.packet())))
                    .as(packet.name())
                    .isEqualTo(Hex.string(packet.information()));
        }
        assertThat(sink.sent).as("nothing beyond what the capture shows").hasSize(answered);
    }

    /** The information field of the captured packet {@code name}. */
    static byte[] information(List<Packet> conversation, String name) {
        return conversation.stream()
                .filter(packet -> packet.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no packet " + name))
                .information()
                .clone();
    }

    /** The Magic-Number option (type 5) of a captured LCP Configure-Request, as {@code nextInt()} must return it. */
    static RandomGenerator magicNumber(byte[] lcpConfigureRequest) {
        int offset = 4; // code, identifier, length
        while (lcpConfigureRequest[offset] != 5) {
            offset += lcpConfigureRequest[offset + 1];
        }
        long magic = Long.parseLong(Hex.string(Arrays.copyOfRange(lcpConfigureRequest, offset + 2, offset + 6)), 16);
        return () -> magic << 32; // RandomGenerator.nextInt() takes the high half of nextLong()
    }

    /** Hands out captured challenge bytes and a CHAP identifier, in the order MS-CHAPv2 asks for them. */
    record Replayed(byte[] bytes, int identifier) implements RandomGenerator {
        @Override
        public void nextBytes(byte[] into) {
            System.arraycopy(bytes, 0, into, 0, into.length);
        }

        @Override
        public int nextInt(int bound) {
            return identifier;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("the capture holds no more randomness");
        }
    }
}
