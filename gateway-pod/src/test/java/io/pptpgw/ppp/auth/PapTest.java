package io.pptpgw.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.testing.Hex;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PapTest {
    static final InetAddress PEER = InetAddress.ofLiteral("203.0.113.50");

    final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULT);
    final CredentialStore users = CredentialStore.of(Map.of(
            "alice",
            new Credential.Password("secret"),
            "bob",
            Credential.parse("nthash:8846f7eaee8fb117ad06bdd830b7586c")));

    @Test
    void authenticateRequestAndAckOnTheWire() {
        PapResponder client = new PapResponder("alice", new Credential.Password("secret"));
        RecordingSink toServer = new RecordingSink(AuthProtocol.PAP);
        client.start(toServer);
        // Peer-ID Length 5 "alice", Passwd-Length 6 "secret" (RFC 1334 §2.2.1)
        assertThat(toServer.last()).isEqualTo(new ControlPacket(1, 0, Hex.bytes("05 616c696365 06 736563726574")));

        Pap server = new Pap(users, throttle, PEER);
        RecordingSink toClient = new RecordingSink(AuthProtocol.PAP);
        assertThat(server.receive(toServer.last(), toClient))
                .isEqualTo(new AuthStep.Succeeded("alice", Optional.empty()));
        // Msg-Length 14 "Access granted" (RFC 1334 §2.2.2)
        assertThat(toClient.last()).isEqualTo(new ControlPacket(2, 0, Hex.bytes("0e 416363657373206772616e746564")));
        assertThat(client.receive(toClient.last(), toServer))
                .isEqualTo(new AuthStep.Succeeded("alice", Optional.empty()));
    }

    @Test
    void ntHashCredentialIsCheckedAgainstTheHashOfThePasswordReceived() {
        assertThat(run("bob", "password").server).isInstanceOf(AuthStep.Succeeded.class);
        assertThat(((AuthStep.Failed) run("bob", "Password").server).reason()).isEqualTo(FailureReason.WRONG_PASSWORD);
    }

    @Test
    void wrongPasswordGetsNakAndTheClientSeesIt() {
        Run run = run("alice", "guess");
        assertThat(((AuthStep.Failed) run.server).reason()).isEqualTo(FailureReason.WRONG_PASSWORD);
        assertThat(run.client).isInstanceOfSatisfying(AuthStep.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.REJECTED_BY_PEER);
            assertThat(failed.message()).contains("Authentication failed");
        });
    }

    @Test
    void everyMalformedOrTruncatedRequestIsAValue() {
        byte[] valid = Hex.bytes("05 616c696365 06 736563726574");
        for (int length = 0; length <= valid.length + 1; length++) {
            if (length == valid.length) {
                continue;
            }
            byte[] data = Arrays.copyOf(valid, length); // the longer one carries a trailing octet
            Pap server = new Pap(users, throttle, PEER);
            RecordingSink out = new RecordingSink(AuthProtocol.PAP);
            assertThat(server.receive(new ControlPacket(1, 3, data), out))
                    .as("%d octets", length)
                    .isInstanceOfSatisfying(
                            AuthStep.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(FailureReason.MALFORMED));
            assertThat(out.last().code()).isEqualTo(3);
        }
    }

    @Test
    void aRepeatedRequestGetsTheSameAnswerWithItsOwnIdentifier() {
        Pap server = new Pap(users, throttle, PEER);
        RecordingSink out = new RecordingSink(AuthProtocol.PAP);
        byte[] request = Hex.bytes("05 616c696365 06 736563726574");
        server.receive(new ControlPacket(1, 1, request), out);
        assertThat(server.receive(new ControlPacket(1, 2, Hex.bytes("05 616c696365 01 78")), out))
                .isEqualTo(new AuthStep.Continue());
        assertThat(out.last().code()).isEqualTo(2);
        assertThat(out.last().identifier()).isEqualTo(2);
    }

    @Test
    void retransmitChangesTheIdentifierAndOnlyTheCurrentOneIsAnswered() {
        PapResponder client = new PapResponder("alice", new Credential.Password("secret"));
        RecordingSink out = new RecordingSink(AuthProtocol.PAP);
        client.start(out);
        client.retransmit(out);
        assertThat(out.sent).extracting(ControlPacket::identifier).containsExactly(0, 1);
        assertThat(client.receive(new ControlPacket(2, 0, new byte[] {0}), out)).isEqualTo(new AuthStep.Continue());
        assertThat(client.receive(new ControlPacket(2, 1, new byte[] {0}), out)).isInstanceOf(AuthStep.Succeeded.class);
    }

    @Test
    void lockedOutUserIsRefusedEvenWithTheRightPassword() {
        for (int attempt = 0; attempt < 5; attempt++) {
            run("alice", "guess" + attempt);
        }
        assertThat(((AuthStep.Failed) run("alice", "secret").server).reason()).isEqualTo(FailureReason.LOCKED_OUT);
    }

    @Test
    void overlongNamesAreRefusedByTheResponder() {
        assertThatThrownBy(() -> new PapResponder("a".repeat(256), new Credential.Password("x")))
                .hasMessageContaining("Peer-ID has 256");
    }

    record Run(AuthStep server, AuthStep client) {}

    private Run run(String user, String password) {
        Pap server = new Pap(users, throttle, PEER);
        PapResponder client = new PapResponder(user, new Credential.Password(password));
        RecordingSink toServer = new RecordingSink(AuthProtocol.PAP);
        RecordingSink toClient = new RecordingSink(AuthProtocol.PAP);
        client.start(toServer);
        AuthStep serverStep = server.receive(toServer.last(), toClient);
        return new Run(serverStep, client.receive(toClient.last(), toServer));
    }
}
