package io.pptpgw.ppp;

import static io.pptpgw.ppp.Pool.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.LoginThrottle;
import io.pptpgw.ppp.auth.MsChapV2;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Our gateway's link against the real pppd 2.4.9 (with pptp-linux), replayed from a capture of the interop test
 * ({@code vectors/ppp/pppd-2.4.9-mppe-128-stateless.hex}): pppd's packets go in as they arrived, and each of our
 * answers must be byte for byte what we sent when the real pppd accepted it, and no later in the conversation. The
 * randomness is replayed too (our Magic-Number, the MS-CHAPv2 challenge and identifier), so the real pppd's NT-Response
 * for "alice-password" is checked by our MS-CHAPv2 and our authenticator response must match the one pppd verified.
 */
class PppLinkPppdPeerTest {
    private static final String STATELESS_128 = "/vectors/ppp/pppd-2.4.9-mppe-128-stateless.hex";

    private final RecordingSink sink = new RecordingSink();
    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingListener events = new RecordingListener();
    private final Pool pool = new Pool("10.250.0.2");

    @Test
    void ourAnswersToPppdAreTheOnesItAcceptedAndTheLinkComesUpWithStatelessMppe128() {
        List<PppdConversation.Packet> conversation = PppdConversation.read(STATELESS_128, "pppd");
        PppLink link = gateway(conversation, MppePolicy.defaults());

        PppdConversation.replay(link, sink, conversation);

        assertThat(events.authentications).containsExactly("succeeded alice MSCHAP_V2");
        assertThat(events.ups).singleElement().satisfies(up -> {
            assertThat(up.localAddress()).isEqualTo(address("10.250.0.1"));
            assertThat(up.peerAddress()).isEqualTo(address("10.250.0.2"));
            assertThat(up.mppe())
                    .hasValueSatisfying(
                            mppe -> assertThat(mppe.mode()).isEqualTo(new MppeMode(MppeMode.KeyLength.BITS_128, true)));
        });
        assertThat(events.downs).isEmpty();
    }

    /**
     * pppd holds IPCP back until CCP is up (and answers an earlier IPCP Configure-Request with Terminate-Ack, its IPCP
     * being Closed), so we must not send ours before CCP opened: else our IPCP sits out a restart interval.
     */
    @Test
    void ourIpcpWaitsUntilCcpOpened() {
        List<PppdConversation.Packet> conversation = PppdConversation.read(STATELESS_128, "pppd");
        PppLink link = gateway(conversation, MppePolicy.defaults());

        for (PppdConversation.Packet packet : conversation) {
            if (packet.name().equals("pppd-ccp-configure-ack")) {
                assertThat(sink.packets(PppProtocol.IPCP.number()))
                        .as("IPCP before pppd acknowledged our CCP request")
                        .isEmpty();
            }
            if (packet.fromPeer() && packet.isControl()) {
                link.receive(packet.protocol(), packet.information());
            }
        }
        assertThat(sink.packets(PppProtocol.IPCP.number())).isNotEmpty();
    }

    /** The gateway's link as {@code pptpgw gateway} builds it, with the randomness of the captured call. */
    private PppLink gateway(List<PppdConversation.Packet> conversation, MppePolicy policy) {
        RandomGenerator magicNumbers = PppdConversation.magicNumber(
                PppdConversation.information(conversation, "pptpgw-lcp-configure-request"));
        byte[] challenge = PppdConversation.information(conversation, "pptpgw-chap-challenge");
        RandomGenerator challenges =
                new PppdConversation.Replayed(Arrays.copyOfRange(challenge, 5, 21), challenge[1] & 0xFF);
        CredentialStore users = CredentialStore.of(Map.of("alice", new Credential.Password("alice-password")));
        PppLink link = new PppLink(
                new LinkRole.Server(method -> {
                    assertThat(method).isEqualTo(AuthProtocol.MSCHAP_V2);
                    return new MsChapV2(
                            "vm",
                            users,
                            new LoginThrottle(LoginThrottle.Policy.OFF),
                            InetAddress.getLoopbackAddress(),
                            challenges);
                }),
                new LinkSettings(
                        LcpSettings.defaults()
                                .withAuthenticationMethods(List.of(AuthProtocol.MSCHAP_V2))
                                .withMagicNumbers(magicNumbers),
                        new IpcpSettings.Server(address("10.250.0.1"), List.of(address("10.96.0.10")), pool),
                        policy,
                        Duration.ofSeconds(30)),
                sink,
                clock,
                events);
        link.start();
        return link;
    }
}
