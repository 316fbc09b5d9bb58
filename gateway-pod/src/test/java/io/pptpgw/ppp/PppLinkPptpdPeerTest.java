package io.pptpgw.ppp;

import static io.pptpgw.ppp.Pool.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.MsChapV2Responder;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our client's link against the real pptpd 1.4.0 (its pppd 2.4.9 serving the call), replayed from a capture of the
 * interop test ({@code vectors/ppp/pptpd-1.4.0-mppe-128-stateless.hex}) the way {@link PppLinkPppdPeerTest} replays
 * the other direction: the server's packets go in, and each of our answers must be what pptpd's pppd accepted, among
 * them the MS-CHAPv2 response to its challenge (whose authenticator response our client must verify) and the
 * DNS servers it Naks us to.
 */
class PppLinkPptpdPeerTest {
    private static final String STATELESS_128 = "/vectors/ppp/pptpd-1.4.0-mppe-128-stateless.hex";

    private final RecordingSink sink = new RecordingSink();
    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingListener events = new RecordingListener();

    @Test
    void ourAnswersToPptpdAreTheOnesItAcceptedAndTheLinkComesUpWithItsAddressAndDns() {
        List<PppdConversation.Packet> conversation = PppdConversation.read(STATELESS_128, "pptpd");
        byte[] response = PppdConversation.information(conversation, "pptpgw-chap-response");
        PppdConversation.Replayed peerChallenge = new PppdConversation.Replayed(Arrays.copyOfRange(response, 5, 21), 0);
        PppLink link = new PppLink(
                new LinkRole.Client(method -> {
                    assertThat(method).isEqualTo(AuthProtocol.MSCHAP_V2);
                    return new MsChapV2Responder("alice", new Credential.Password("alice-password"), peerChallenge);
                }),
                new LinkSettings(
                        LcpSettings.defaults()
                                .withAuthenticationMethods(List.of(AuthProtocol.MSCHAP_V2))
                                .withMagicNumbers(PppdConversation.magicNumber(
                                        PppdConversation.information(conversation, "pptpgw-lcp-configure-request"))),
                        new IpcpSettings.Client(true),
                        MppePolicy.defaults(),
                        Duration.ofSeconds(20)),
                sink,
                clock,
                events);
        link.start();

        PppdConversation.replay(link, sink, conversation);

        assertThat(events.authentications).containsExactly("succeeded alice MSCHAP_V2");
        assertThat(events.ups).singleElement().satisfies(up -> {
            assertThat(up.localAddress()).isEqualTo(address("192.168.77.10"));
            assertThat(up.peerAddress()).isEqualTo(address("192.168.77.1"));
            assertThat(up.dnsServers()).containsExactly(address("192.168.77.53"), address("192.168.77.53"));
            assertThat(up.mppe())
                    .hasValueSatisfying(
                            mppe -> assertThat(mppe.mode()).isEqualTo(new MppeMode(MppeMode.KeyLength.BITS_128, true)));
        });
    }
}
