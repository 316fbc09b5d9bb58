package io.pptpgw.ppp;

import static io.pptpgw.ppp.Pool.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.LinkListener.DownCause;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gateway's link driven packet by packet the way a Windows client drives it, including what our own client never
 * does: asking for stateful MPPE, and sending IPv6CP.
 */
class PppLinkWindowsPeerTest {
    private static final int LCP = PppProtocol.LCP.number();
    private static final int CHAP = PppProtocol.CHAP.number();
    private static final int IPCP = PppProtocol.IPCP.number();
    private static final int CCP = PppProtocol.CCP.number();

    private final RecordingSink sink = new RecordingSink();
    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingListener events = new RecordingListener();
    private final Pool pool = new Pool("10.250.0.2");

    @Test
    void aWindowsClientAskingForStatefulMppeGetsItWhenAllowedAndResynchronises() {
        PppLink link = link(new MppePolicy(MppePolicy.Encryption.REQUIRED, true, false));
        openLcpAndAuthenticate(link);

        peer(link, CCP, Code.CONFIGURE_REQUEST, 1, "12 06 00000040"); // +S: stateful 128-bit
        assertThat(lastSent(CCP)).isEqualTo(packet(Code.CONFIGURE_ACK, 1, "12 06 00000040"));
        ControlPacket ourCcp = sentWith(CCP, Code.CONFIGURE_REQUEST);
        assertThat(ourCcp.data()).isEqualTo(Hex.bytes("12 06 01000040"));
        peer(link, CCP, Code.CONFIGURE_NAK, ourCcp.identifier(), "12 06 00000040");
        ControlPacket stateful = lastSent(CCP);
        assertThat(stateful.data()).as("stateful is allowed, so we follow").isEqualTo(Hex.bytes("12 06 00000040"));
        peer(link, CCP, Code.CONFIGURE_ACK, stateful.identifier(), "12 06 00000040");

        negotiateIpcp(link);
        assertThat(events.ups).singleElement().satisfies(up -> {
            assertThat(up.peerAddress()).isEqualTo(address("10.250.0.2"));
            assertThat(up.mppe())
                    .hasValueSatisfying(mppe ->
                            assertThat(mppe.mode()).isEqualTo(new MppeMode(MppeMode.KeyLength.BITS_128, false)));
        });

        link.requestCcpReset();
        assertThat(lastSent(CCP).code()).isEqualTo(Code.RESET_REQUEST.number());
        peer(link, CCP, Code.RESET_REQUEST, 0x33, "");
        assertThat(events.resetRequests).isEqualTo(1);
        assertThat(lastSent(CCP)).as("Windows ignores it; Linux needs it").isEqualTo(packet(Code.RESET_ACK, 0x33, ""));
    }

    @Test
    void ipv6cpGetsAProtocolRejectAndTheLinkCarriesOn() {
        PppLink link = link(MppePolicy.defaults());
        openLcpAndAuthenticate(link);
        peer(link, PppProtocol.IPV6CP.number(), Code.CONFIGURE_REQUEST, 5, "01 0a 0011223344556677");
        assertThat(lastSent(LCP).code()).isEqualTo(Code.PROTOCOL_REJECT.number());
        assertThat(lastSent(LCP).data()).isEqualTo(Hex.bytes("8057  01 05 000e  01 0a 0011223344556677"));
        assertThat(link.phase()).isEqualTo(LinkPhase.NETWORK);
    }

    @Test
    void withEncryptionOffAPeersCcpIsProtocolRejected() {
        PppLink link = link(new MppePolicy(MppePolicy.Encryption.OFF, false, false));
        openLcpAndAuthenticate(link);
        assertThat(sink.packets(CCP)).as("we never start CCP").isEmpty();
        peer(link, CCP, Code.CONFIGURE_REQUEST, 1, "12 06 010000e1");
        assertThat(lastSent(LCP).code()).isEqualTo(Code.PROTOCOL_REJECT.number());
        assertThat(Hex.string(lastSent(LCP).data())).startsWith("80fd01");
        negotiateIpcp(link);
        assertThat(events.ups)
                .singleElement()
                .satisfies(up -> assertThat(up.mppe()).isEmpty());
    }

    @Test
    void underRequiredAPeerThatRejectsTheMppeOptionIsTerminated() {
        PppLink link = link(MppePolicy.defaults());
        openLcpAndAuthenticate(link);
        ControlPacket ourCcp = sentWith(CCP, Code.CONFIGURE_REQUEST);
        peer(link, CCP, Code.CONFIGURE_REJECT, ourCcp.identifier(), "12 06 01000040");
        ControlPacket withoutMppe = sentWith(CCP, Code.CONFIGURE_REQUEST);
        assertThat(withoutMppe.data()).isEmpty();
        peer(link, CCP, Code.CONFIGURE_REQUEST, 1, "");
        peer(link, CCP, Code.CONFIGURE_ACK, withoutMppe.identifier(), "");
        assertThat(lastSent(LCP).code()).isEqualTo(Code.TERMINATE_REQUEST.number());
        assertThat(new String(lastSent(LCP).data(), StandardCharsets.US_ASCII))
                .isEqualTo("peer refused MPPE; encryption is Required");
        assertThat(events.downs).as("the call stays until the peer read why").isEmpty();
        peer(link, LCP, Code.TERMINATE_ACK, lastSent(LCP).identifier(), "");
        assertThat(events.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.ENCRYPTION_REFUSED, "peer refused MPPE; encryption is Required"));
    }

    @Test
    void aPeerTerminateRequestIsAcknowledgedAndTheAddressReturnedAfterTheRestartPeriod() {
        PppLink link = link(new MppePolicy(MppePolicy.Encryption.OFF, false, false));
        openLcpAndAuthenticate(link);
        negotiateIpcp(link);
        peer(link, LCP, Code.TERMINATE_REQUEST, 0x40, "");
        assertThat(lastSent(LCP)).isEqualTo(packet(Code.TERMINATE_ACK, 0x40, ""));
        assertThat(events.downs)
                .containsExactly(
                        new RecordingListener.Down(DownCause.PEER_TERMINATED, "LCP: peer sent Terminate-Request"));
        assertThat(link.phase()).isEqualTo(LinkPhase.TERMINATE);
        clock.advance(Duration.ofSeconds(3));
        assertThat(link.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(pool.log).containsExactly("allocate alice -> 10.250.0.2", "release 10.250.0.2");
    }

    private PppLink link(MppePolicy policy) {
        PppLink link = new PppLink(
                new LinkRole.Server(p -> FakeAuthentication.authenticator(p, "alice", "secret")),
                new LinkSettings(
                        LcpSettings.defaults().withMagicNumbers(new SplittableRandom(3)),
                        new IpcpSettings.Server(address("10.250.0.1"), List.of(address("10.96.0.10")), pool),
                        policy,
                        Duration.ofSeconds(30)),
                sink,
                clock,
                events);
        link.start();
        return link;
    }

    private void openLcpAndAuthenticate(PppLink link) {
        ControlPacket ours = lastSent(LCP);
        peer(link, LCP, Code.CONFIGURE_REQUEST, 0, "01 04 0578  05 06 5e1f2a33  07 02  08 02  0d 03 06");
        peer(link, LCP, Code.CONFIGURE_REQUEST, 1, "01 04 0578  05 06 5e1f2a33  07 02  08 02");
        peer(link, LCP, Code.CONFIGURE_ACK, ours.identifier(), Hex.string(ours.data()));
        assertThat(link.phase()).isEqualTo(LinkPhase.AUTHENTICATE);
        ControlPacket challenge = lastSent(CHAP);
        link.receive(
                CHAP,
                ControlPacketCodec.encode(new ControlPacket(
                        2, challenge.identifier(), "alice:secret".getBytes(StandardCharsets.US_ASCII))));
        assertThat(events.authentications).containsExactly("succeeded alice " + AuthProtocol.MSCHAP_V2);
        assertThat(link.phase()).isEqualTo(LinkPhase.NETWORK);
    }

    private void negotiateIpcp(PppLink link) {
        peer(link, IPCP, Code.CONFIGURE_REQUEST, 1, "03 06 00000000  81 06 00000000  83 06 00000000");
        assertThat(lastSent(IPCP)).isEqualTo(packet(Code.CONFIGURE_REJECT, 1, "83 06 00000000"));
        peer(link, IPCP, Code.CONFIGURE_REQUEST, 2, "03 06 00000000  81 06 00000000");
        assertThat(lastSent(IPCP)).isEqualTo(packet(Code.CONFIGURE_NAK, 2, "03 06 0afa0002  81 06 0a60000a"));
        peer(link, IPCP, Code.CONFIGURE_REQUEST, 3, "03 06 0afa0002  81 06 0a60000a");
        ControlPacket ours = sentWith(IPCP, Code.CONFIGURE_REQUEST);
        peer(link, IPCP, Code.CONFIGURE_ACK, ours.identifier(), Hex.string(ours.data()));
    }

    private void peer(PppLink link, int protocol, Code code, int identifier, String hex) {
        link.receive(protocol, ControlPacketCodec.encode(packet(code, identifier, hex)));
    }

    private ControlPacket lastSent(int protocol) {
        return sink.packets(protocol).getLast();
    }

    private ControlPacket sentWith(int protocol, Code code) {
        return sink.packets(protocol).stream()
                .filter(p -> p.code() == code.number())
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static ControlPacket packet(Code code, int identifier, String hex) {
        return new ControlPacket(code.number(), identifier, Hex.bytes(hex));
    }
}
