package io.pptpgw.ppp;

import static io.pptpgw.ppp.Pool.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** A server link and a client link joined in memory: the whole negotiation from both ends. */
class PppLinkTest {
    private static final MppePolicy REQUIRED = MppePolicy.defaults();
    private static final MppePolicy OPTIONAL = new MppePolicy(MppePolicy.Encryption.OPTIONAL, false, false);
    private static final MppePolicy OFF = new MppePolicy(MppePolicy.Encryption.OFF, false, false);
    private static final List<AuthProtocol> MSCHAP_V2 = List.of(AuthProtocol.MSCHAP_V2);

    private final InMemoryWire wire = new InMemoryWire();
    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private final Pool pool = new Pool("10.250.0.2", "10.250.0.3");

    @Test
    void bothEndsReachTheNetworkPhaseWithAgreedAddressesDnsAndMppe() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);

        assertThat(server.phase()).isEqualTo(LinkPhase.NETWORK);
        assertThat(client.phase()).isEqualTo(LinkPhase.NETWORK);
        assertThat(serverEvents.authentications).containsExactly("succeeded alice MSCHAP_V2");
        assertThat(clientEvents.authentications).containsExactly("succeeded alice MSCHAP_V2");
        MppeMode stateless128 = new MppeMode(MppeMode.KeyLength.BITS_128, true);
        assertThat(serverEvents.ups)
                .containsExactly(new NetworkParameters(
                        address("10.250.0.1"),
                        address("10.250.0.2"),
                        List.of(address("10.96.0.10"), address("10.96.0.11")),
                        1400,
                        1400,
                        true,
                        true,
                        java.util.Optional.of(
                                new NetworkParameters.Mppe(stateless128, FakeAuthentication.SERVER_KEYS))));
        assertThat(clientEvents.ups)
                .containsExactly(new NetworkParameters(
                        address("10.250.0.2"),
                        address("10.250.0.1"),
                        List.of(address("10.96.0.10"), address("10.96.0.11")),
                        1400,
                        1400,
                        true,
                        true,
                        java.util.Optional.of(
                                new NetworkParameters.Mppe(stateless128, FakeAuthentication.CLIENT_KEYS))));
        assertThat(serverEvents.downs).isEmpty();
        assertThat(pool.log).containsExactly("allocate alice -> 10.250.0.2");
    }

    @Test
    void underRequiredAClientThatRefusesMppeIsTerminatedWithAClearReason() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(OFF, MSCHAP_V2, "secret");
        run(server, client);

        assertThat(wire.from("client", PppProtocol.LCP.number()))
                .as("the client does not speak CCP")
                .anySatisfy(c -> assertThat(Hex.string(c.packet().data())).startsWith("80fd"));
        assertThat(serverEvents.ups).isEmpty();
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.ENCRYPTION_REFUSED,
                        "peer refused MPPE; encryption is Required (peer sent Protocol-Reject of CCP)"));
        assertThat(clientEvents.downs)
                .extracting(RecordingListener.Down::cause)
                .containsExactly(DownCause.PEER_TERMINATED);

        settle();
        assertThat(server.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(client.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(pool.log).containsExactly("allocate alice -> 10.250.0.2", "release 10.250.0.2");
        assertThat(clock.pendingTasks()).as("no timer left behind").isZero();
    }

    @Test
    void aWrongPasswordFailsAuthenticationWithoutConsumingAnAddress() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "guess");
        run(server, client);

        assertThat(serverEvents.authentications).containsExactly("failed alice WRONG_PASSWORD");
        assertThat(clientEvents.authentications).containsExactly("failed alice REJECTED_BY_PEER");
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.AUTHENTICATION_FAILED, "authentication of alice failed: wrong password"));
        assertThat(wire.from("server", PppProtocol.LCP.number()))
                .as("the peer is told no more than that")
                .anySatisfy(c -> assertThat(new String(c.packet().data(), StandardCharsets.US_ASCII))
                        .isEqualTo("Authentication failed"));
        settle();
        assertThat(server.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(pool.log).isEmpty();
    }

    @Test
    void underOptionalAClientWithoutEncryptionGetsUnencryptedIp() {
        PppLink server = server(OPTIONAL, MSCHAP_V2);
        PppLink client = client(OFF, MSCHAP_V2, "secret");
        run(server, client);

        assertThat(serverEvents.ups)
                .singleElement()
                .satisfies(up -> assertThat(up.mppe()).isEmpty());
        assertThat(clientEvents.ups)
                .singleElement()
                .satisfies(up -> assertThat(up.mppe()).isEmpty());
    }

    @Test
    void papGivesNoKeysSoOptionalEncryptionRunsWithoutCcp() {
        PppLink server = server(OPTIONAL, List.of(AuthProtocol.MSCHAP_V2, AuthProtocol.PAP));
        PppLink client = client(OPTIONAL, List.of(AuthProtocol.PAP), "secret");
        run(server, client);

        assertThat(serverEvents.authentications).containsExactly("succeeded alice PAP");
        assertThat(serverEvents.ups)
                .singleElement()
                .satisfies(up -> assertThat(up.mppe()).isEmpty());
        assertThat(wire.from("server", PppProtocol.CCP.number())).isEmpty();
        assertThat(clientEvents.ups).hasSize(1);
    }

    @Test
    void requiredEncryptionWithoutMsChapV2IsRefusedAsASetting() {
        assertThatThrownBy(() -> new LinkSettings(
                        lcp(List.of(AuthProtocol.PAP), 1), serverIpcp(), REQUIRED, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryption Required needs MSCHAP_V2 among the authentication methods [PAP]:"
                        + " MPPE keys come from MS-CHAPv2 (RFC 3079)");
    }

    @Test
    void underRequiredAMethodWithoutKeysEndsTheLinkBeforeAnAddressIsTaken() {
        PppLink server = server(REQUIRED, List.of(AuthProtocol.MSCHAP_V2, AuthProtocol.PAP));
        PppLink client = client(OPTIONAL, List.of(AuthProtocol.PAP), "secret");
        run(server, client);

        assertThat(serverEvents.authentications).containsExactly("succeeded alice PAP");
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.ENCRYPTION_REFUSED,
                        "MPPE needs the keys of MS-CHAPv2, but PAP gave none; encryption is Required"));
        assertThat(pool.log).isEmpty();
    }

    @Test
    void aServerNeverSkipsAuthentication() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(OFF, List.of(), "secret");
        run(server, client);

        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.AUTHENTICATION_REFUSED,
                        "peer rejected the Authentication-Protocol option (asked for [MSCHAP_V2])"));
        assertThat(pool.log).isEmpty();
    }

    @Test
    void ipv6cpIsProtocolRejectedOnceLcpIsOpen() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);

        byte[] ipv6cpRequest = Hex.bytes("01 01 000e  01 0a 0011223344556677");
        server.receive(PppProtocol.IPV6CP.number(), ipv6cpRequest);
        wire.pump();

        assertThat(wire.from("server", PppProtocol.LCP.number()).getLast().packet())
                .satisfies(reject -> {
                    assertThat(reject.code()).isEqualTo(Code.PROTOCOL_REJECT.number());
                    assertThat(reject.data()).isEqualTo(Hex.bytes("8057  01 01 000e  01 0a 0011223344556677"));
                });
        assertThat(serverEvents.dropped).containsExactly("IPV6CP: protocol not supported; Protocol-Reject sent");
        assertThat(server.phase()).isEqualTo(LinkPhase.NETWORK);
        assertThat(client.phase()).isEqualTo(LinkPhase.NETWORK);
    }

    @Test
    void beforeLcpOpensUnknownProtocolsAreDroppedNotRejected() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        server.start();
        server.receive(PppProtocol.IPV6CP.number(), Hex.bytes("01 01 0004"));
        server.receive(PppProtocol.IPCP.number(), Hex.bytes("01 01 0004"));
        assertThat(wire.crossings).extracting(c -> c.packet().code()).containsOnly(Code.CONFIGURE_REQUEST.number());
        assertThat(serverEvents.dropped)
                .containsExactly("IPV6CP: protocol not supported", "IPCP: not expected in phase ESTABLISH");
    }

    @Test
    void malformedControlPacketsAreDroppedAndCounted() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        server.start();
        server.receive(PppProtocol.LCP.number(), Hex.bytes("01 01 00"));
        server.receive(PppProtocol.LCP.number(), Hex.bytes("01 01 0010 0104"));
        assertThat(serverEvents.dropped)
                .containsExactly(
                        "LCP: control packet of 3 bytes is shorter than its 4-byte header (RFC 1661 §5)",
                        "LCP: Length field 16 exceeds the 6 bytes received (RFC 1661 §5)");
    }

    @Test
    void lostPacketsAreRetransmittedOnTheRestartTimer() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        int[] lost = {0};
        wire.lose = c -> c.packet().code() == Code.CONFIGURE_REQUEST.number() && lost[0]++ < 3;
        run(server, client);
        assertThat(serverEvents.ups).isEmpty();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(3));
            wire.pump();
        }
        assertThat(serverEvents.ups).hasSize(1);
        assertThat(clientEvents.ups).hasSize(1);
    }

    @Test
    void echoesMeasureTheRoundTripAndFindADeadPeer() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);
        clock.advance(Duration.ofSeconds(20));
        wire.pump();
        assertThat(serverEvents.roundTrips).containsExactly(Duration.ZERO);
        assertThat(clientEvents.roundTrips).containsExactly(Duration.ZERO);

        wire.lose = c -> true; // the client vanishes
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(20));
        }
        clock.advance(Duration.ofSeconds(6)); // two Terminate-Requests, 3 s apart, go unanswered (RFC 1661 §4.6)
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.ECHO_TIMEOUT, "peer did not answer 3 LCP Echo-Requests sent every 20 s"));
        assertThat(server.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(pool.log).endsWith("release 10.250.0.2");
    }

    @Test
    void closingEndsBothLinksWithTheirOwnCauses() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);
        server.close("session closed by administrator");
        wire.pump();
        assertThat(serverEvents.downs)
                .containsExactly(
                        new RecordingListener.Down(DownCause.CLOSED_LOCALLY, "session closed by administrator"));
        assertThat(clientEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.PEER_TERMINATED,
                        "LCP: peer sent Terminate-Request \"session closed by administrator\""));
        assertThat(server.phase()).as("the Terminate-Ack came back").isEqualTo(LinkPhase.DEAD);
        settle();
        assertThat(client.phase()).isEqualTo(LinkPhase.DEAD);
    }

    @Test
    void theLowerLayerGoingDownEndsTheLinkAtOnce() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);
        int sent = wire.crossings.size();
        server.lowerLayerDown("call cleared");
        assertThat(server.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(DownCause.LOWER_LAYER_DOWN, "call cleared"));
        assertThat(pool.log).endsWith("release 10.250.0.2");
        assertThat(wire.crossings).hasSize(sent);
        assertThat(clock.pendingTasks()).as("only the client's echo timer").isEqualTo(1);
    }

    @Test
    void aPeerThatNeverAnswersTheChallengeTimesOut() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        wire.lose = c -> c.protocol() == PppProtocol.CHAP.number() && c.from().equals("client");
        run(server, client);
        assertThat(server.phase()).isEqualTo(LinkPhase.AUTHENTICATE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(serverEvents.authentications).containsExactly("failed  TIMEOUT");
        assertThat(serverEvents.downs)
                .as("reported once the client acknowledged our Terminate-Request")
                .isEmpty();
        wire.pump();
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.AUTHENTICATION_FAILED, "authentication failed: no authentication within 30 s"));
        assertThat(pool.log).isEmpty();
    }

    @Test
    void aPeerRestartingLcpAfterTheLinkIsUpEndsTheLink() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);
        server.receive(PppProtocol.LCP.number(), Hex.bytes("01 09 000a 0506 5e1f2a33"));
        assertThat(serverEvents.downs)
                .containsExactly(new RecordingListener.Down(
                        DownCause.NEGOTIATION_FAILED, "peer restarted LCP negotiation, which is not supported"));
        assertThat(server.phase()).isEqualTo(LinkPhase.TERMINATE);
        wire.pump();
        settle();
        assertThat(server.phase()).isEqualTo(LinkPhase.DEAD);
        assertThat(client.phase()).isEqualTo(LinkPhase.DEAD);
    }

    @Test
    void statelessMppeNeverAsksForAReset() {
        PppLink server = server(REQUIRED, MSCHAP_V2);
        PppLink client = client(REQUIRED, MSCHAP_V2, "secret");
        run(server, client);
        client.requestCcpReset();
        wire.pump();
        assertThat(wire.from("client", PppProtocol.CCP.number()))
                .extracting(c -> c.packet().code())
                .doesNotContain(Code.RESET_REQUEST.number());
    }

    private void run(PppLink server, PppLink client) {
        wire.connect(server, client);
        server.start();
        client.start();
        wire.pump();
    }

    /** Lets every restart timer run out, delivering whatever is still sent. */
    private void settle() {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(3));
            wire.pump();
        }
    }

    private PppLink server(MppePolicy policy, List<AuthProtocol> methods) {
        return new PppLink(
                new LinkRole.Server(p -> FakeAuthentication.authenticator(p, "alice", "secret")),
                new LinkSettings(lcp(methods, 1), serverIpcp(), policy, Duration.ofSeconds(30)),
                wire.fromServer(),
                clock,
                serverEvents);
    }

    private PppLink client(MppePolicy policy, List<AuthProtocol> methods, String password) {
        return new PppLink(
                new LinkRole.Client(p -> FakeAuthentication.responder(p, "alice", password)),
                new LinkSettings(lcp(methods, 2), new IpcpSettings.Client(true), policy, Duration.ofSeconds(30)),
                wire.fromClient(),
                clock,
                clientEvents);
    }

    private IpcpSettings.Server serverIpcp() {
        return new IpcpSettings.Server(
                address("10.250.0.1"), List.of(address("10.96.0.10"), address("10.96.0.11")), pool);
    }

    private static LcpSettings lcp(List<AuthProtocol> methods, long seed) {
        return LcpSettings.defaults().withAuthenticationMethods(methods).withMagicNumbers(new SplittableRandom(seed));
    }
}
