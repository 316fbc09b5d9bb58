package io.pptpgw.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.crypto.ChapDigest;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.testing.Hex;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChapMd5Test {
    static final InetAddress PEER = InetAddress.ofLiteral("198.51.100.9");

    final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULT);
    final CredentialStore users = CredentialStore.of(Map.of(
            "alice",
            new Credential.Password("secret"),
            "bob",
            Credential.parse("nthash:8846f7eaee8fb117ad06bdd830b7586c")));
    final SplittableRandom random = new SplittableRandom(1994);

    @Test
    void responseIsMd5OfIdentifierSecretAndChallengeOnTheWire() {
        byte[] challengeValue = Hex.bytes("00112233445566778899aabbccddeeff");
        ChapMd5 server = new ChapMd5("gw", users, throttle, PEER, new ScriptedRandom(0x11, challengeValue));
        RecordingSink out = new RecordingSink(AuthProtocol.CHAP_MD5);
        server.start(out);
        assertThat(out.last())
                .isEqualTo(new ControlPacket(1, 0x11, Hex.bytes("10 00112233445566778899aabbccddeeff 6777")));

        new ChapMd5Responder("alice", new Credential.Password("secret")).receive(out.last(), out);
        byte[] expected = ChapDigest.md5(0x11, "secret".getBytes(StandardCharsets.US_ASCII), challengeValue);
        assertThat(out.last())
                .isEqualTo(new ControlPacket(2, 0x11, Hex.bytes("10" + Hex.string(expected) + "616c696365")));

        AuthStep step = server.receive(out.last(), out);
        assertThat(step).isEqualTo(new AuthStep.Succeeded("alice", java.util.Optional.empty()));
        assertThat(out.last())
                .isEqualTo(new ControlPacket(3, 0x11, "Access granted".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void clientSeesSuccessAndFailure() {
        assertThat(run("alice", "secret").client).isInstanceOf(AuthStep.Succeeded.class);
        Run wrong = run("alice", "guess");
        assertThat(((AuthStep.Failed) wrong.server).reason()).isEqualTo(FailureReason.WRONG_PASSWORD);
        assertThat(((AuthStep.Failed) wrong.client).reason()).isEqualTo(FailureReason.REJECTED_BY_PEER);
        assertThat(((AuthStep.Failed) run("nobody", "x").server).reason()).isEqualTo(FailureReason.UNKNOWN_USER);
    }

    @Test
    void anNtHashCredentialCannotServeChapMd5() {
        Run run = run("bob", "password");
        assertThat(run.server).isInstanceOfSatisfying(AuthStep.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.CREDENTIAL_UNSUITABLE);
            assertThat(failed.message()).contains("stored as an NT hash");
        });
        assertThat(run.client).isInstanceOf(AuthStep.Failed.class);
    }

    @Test
    void malformedAndTruncatedResponsesAreValues() {
        byte[] valid = Hex.bytes("10 00112233445566778899aabbccddeeff 616c696365");
        for (int length = 0; length < 17; length++) {
            ChapMd5 server = new ChapMd5("gw", users, throttle, PEER, random);
            RecordingSink out = new RecordingSink(AuthProtocol.CHAP_MD5);
            server.start(out);
            AuthStep step =
                    server.receive(new ControlPacket(2, out.last().identifier(), Arrays.copyOf(valid, length)), out);
            assertThat(step)
                    .as("%d octets", length)
                    .isInstanceOfSatisfying(
                            AuthStep.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(FailureReason.MALFORMED));
            assertThat(out.last().code()).isEqualTo(4);
        }
    }

    @Test
    void retransmitRepeatsTheChallengeUntilAnswered() {
        ChapMd5 server = new ChapMd5("gw", users, throttle, PEER, random);
        RecordingSink out = new RecordingSink(AuthProtocol.CHAP_MD5);
        server.start(out);
        server.retransmit(out);
        assertThat(out.sent).hasSize(2).allMatch(packet -> packet.equals(out.sent.getFirst()));
    }

    record Run(AuthStep server, AuthStep client) {}

    private Run run(String user, String password) {
        ChapMd5 server = new ChapMd5("gw", users, throttle, PEER, random);
        ChapMd5Responder client = new ChapMd5Responder(user, new Credential.Password(password));
        RecordingSink toClient = new RecordingSink(AuthProtocol.CHAP_MD5);
        RecordingSink toServer = new RecordingSink(AuthProtocol.CHAP_MD5);
        server.start(toClient);
        client.receive(toClient.last(), toServer);
        AuthStep serverStep = server.receive(toServer.last(), toClient);
        return new Run(serverStep, client.receive(toClient.last(), toServer));
    }
}
