package io.pptpgw.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import io.pptpgw.testing.Hex;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The MS-CHAPv2 authenticator against the RFC 2759 §9.2 exchange and against our own responder, end to end. */
class MsChapV2Test {
    static final InetAddress PEER = InetAddress.ofLiteral("192.0.2.7");
    static final String FAILURE_FORMAT = "E=691 R=0 C=[0-9A-F]{32} V=3 M=Authentication failed";

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final InstantSource clock = now::get;
    final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULT, clock);
    final CredentialStore users = CredentialStore.of(Map.of(
            "User",
            new Credential.Password("clientPass"),
            "bob",
            Credential.parse("nthash:8846f7eaee8fb117ad06bdd830b7586c"))); // "password"
    final SplittableRandom random = new SplittableRandom(2759);

    /** The server's packets for the RFC 2759 §9.2 exchange, byte for byte, and the RFC 3079 §3.5 key it yields. */
    @Test
    void rfc2759Section9_2ExchangeOnTheWire() {
        byte[] authenticatorChallenge = Hex.bytes("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
        MsChapV2 server = new MsChapV2("gw", users, throttle, PEER, new ScriptedRandom(0x2A, authenticatorChallenge));
        RecordingSink toClient = new RecordingSink(AuthProtocol.MSCHAP_V2);
        server.start(toClient);
        assertThat(toClient.last())
                .isEqualTo(new ControlPacket(1, 0x2A, Hex.bytes("10 5B5D7C7D7B3F2F3E3C2C602132262628 6777")));

        byte[] response = Hex.bytes("""
                31                                                # Value-Size 49
                21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E   # Peer-Challenge
                00 00 00 00 00 00 00 00                           # Reserved
                82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF  # NT-Response
                00                                                # Flags
                55 73 65 72                                       # Name "User"
                """);
        AuthStep step = server.receive(new ControlPacket(2, 0x2A, response), toClient);

        assertThat(toClient.last())
                .isEqualTo(new ControlPacket(
                        3, 0x2A, ascii("S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Access granted")));
        assertThat(step).isInstanceOf(AuthStep.Succeeded.class);
        AuthStep.Succeeded succeeded = (AuthStep.Succeeded) step;
        assertThat(succeeded.user()).isEqualTo("User");
        assertThat(succeeded.keys().orElseThrow().masterSendKey())
                .isEqualTo(Hex.bytes("8B 7C DC 14 9B 99 3A 1B A1 18 CB 15 3F 56 DC CB"));
    }

    @Test
    void successGivesBothSidesMirroredMasterKeys() {
        Exchange exchange = new Exchange("User", new Credential.Password("clientPass"));
        exchange.run();
        AuthStep.Succeeded server = (AuthStep.Succeeded) exchange.serverStep;
        AuthStep.Succeeded client = (AuthStep.Succeeded) exchange.clientStep;
        MppeMasterKeys serverKeys = server.keys().orElseThrow();
        MppeMasterKeys clientKeys = client.keys().orElseThrow();
        assertThat(serverKeys.masterSendKey()).isEqualTo(clientKeys.masterReceiveKey());
        assertThat(serverKeys.masterReceiveKey()).isEqualTo(clientKeys.masterSendKey());
        assertThat(serverKeys.masterSendKey()).isNotEqualTo(serverKeys.masterReceiveKey());
        assertThat(server.user()).isEqualTo("User");
    }

    @Test
    void ntHashCredentialServesBothSides() {
        Exchange exchange = new Exchange("bob", new Credential.Password("password"));
        exchange.run();
        assertThat(exchange.serverStep).isInstanceOf(AuthStep.Succeeded.class);
        Exchange client = new Exchange("bob", Credential.parse("nthash:8846F7EAEE8FB117AD06BDD830B7586C"));
        client.run();
        assertThat(client.clientStep).isInstanceOf(AuthStep.Succeeded.class);
    }

    @Test
    void wrongPasswordGetsE691InTheExactFormat() {
        Exchange exchange = new Exchange("User", new Credential.Password("guess"));
        exchange.run();
        assertThat(exchange.serverStep)
                .isEqualTo(new AuthStep.Failed(
                        "User",
                        FailureReason.WRONG_PASSWORD,
                        "MS-CHAPv2 login of user \"User\" from 192.0.2.7 failed: wrong password"));
        ControlPacket failure = exchange.lastFromServer;
        assertThat(failure.code()).isEqualTo(4);
        assertThat(failure.identifier()).isEqualTo(exchange.challengeIdentifier);
        assertThat(new String(failure.data(), StandardCharsets.US_ASCII)).matches(FAILURE_FORMAT);
        assertThat(exchange.clientStep).isInstanceOfSatisfying(AuthStep.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.REJECTED_BY_PEER);
            assertThat(failed.message()).contains("E=691");
        });
    }

    @Test
    void unknownUserLooksLikeAWrongPasswordOnTheWire() {
        Exchange exchange = new Exchange("mallory", new Credential.Password("x"));
        exchange.run();
        assertThat(exchange.serverStep).isInstanceOfSatisfying(AuthStep.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.UNKNOWN_USER);
            assertThat(failed.user()).isEqualTo("mallory");
        });
        assertThat(new String(exchange.lastFromServer.data(), StandardCharsets.US_ASCII))
                .matches(FAILURE_FORMAT);
    }

    @Test
    void domainPrefixIsStrippedForLookupAndHashedAsRfc2759Says() {
        Exchange exchange = new Exchange("OFFICE\\User", new Credential.Password("clientPass"));
        exchange.run();
        assertThat(exchange.serverStep)
                .isInstanceOfSatisfying(
                        AuthStep.Succeeded.class,
                        succeeded -> assertThat(succeeded.user()).isEqualTo("User"));
        assertThat(exchange.clientStep).isInstanceOf(AuthStep.Succeeded.class);
        byte[] responseName = Arrays.copyOfRange(exchange.response.data(), 50, exchange.response.data().length);
        assertThat(new String(responseName, StandardCharsets.US_ASCII)).isEqualTo("OFFICE\\User");
    }

    @Test
    void malformedResponsesFailAsMalformedWithAFailurePacket() {
        byte[] valid = new Exchange("User", new Credential.Password("clientPass")).responseData();
        byte[][] malformed = {
            new byte[0], // no Value-Size
            {0}, // Value-Size 0
            Arrays.copyOf(valid, 30), // Value-Size 49 but truncated
            withValueSize(valid, 48), // wrong Value-Size for MS-CHAPv2
            withName(valid, 257) // name longer than RFC 2759 allows
        };
        for (byte[] data : malformed) {
            MsChapV2 server = new MsChapV2("gw", users, throttle, PEER, random);
            RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
            server.start(out);
            int id = out.last().identifier();
            AuthStep step = server.receive(new ControlPacket(2, id, data), out);
            assertThat(step)
                    .as("data %s", Hex.string(data))
                    .isInstanceOfSatisfying(
                            AuthStep.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(FailureReason.MALFORMED));
            assertThat(new String(out.last().data(), StandardCharsets.US_ASCII)).matches(FAILURE_FORMAT);
        }
        assertThat(throttle.lockouts()).isZero();
    }

    /**
     * Every server here issues the same Challenge, so the full response would succeed: each strict prefix must fail
     * (as malformed, or as a shorter, unknown name), and seeded corruption may succeed (reserved octets) or fail,
     * but never throws.
     */
    @Test
    void everyPrefixAndSeededCorruptionOfAResponseIsAValueNeverAnException() {
        byte[] challengeValue = Hex.bytes("000102030405060708090a0b0c0d0e0f");
        MsChapV2Responder client = new MsChapV2Responder("User", new Credential.Password("clientPass"), random);
        RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
        new MsChapV2("gw", users, throttle, PEER, new ScriptedRandom(7, challengeValue)).start(out);
        client.receive(out.last(), out);
        byte[] valid = out.last().data();
        assertThat(respond(challengeValue, valid)).isInstanceOf(AuthStep.Succeeded.class);

        long seed = 0x2759L;
        SplittableRandom corruption = new SplittableRandom(seed);
        for (int round = 0; round < valid.length + 300; round++) {
            boolean prefix = round < valid.length;
            byte[] data = prefix ? Arrays.copyOf(valid, round) : valid.clone();
            if (!prefix) {
                data[corruption.nextInt(data.length)] = (byte) corruption.nextInt(256);
            }
            AuthStep[] step = new AuthStep[1];
            assertThatCode(() -> step[0] = respond(challengeValue, data))
                    .as("seed %x round %d: %s", seed, round, Hex.string(data))
                    .doesNotThrowAnyException();
            assertThat(step[0]).as("seed %x round %d", seed, round).isNotNull();
            if (prefix) {
                assertThat(step[0]).as("prefix of %d octets", round).isInstanceOf(AuthStep.Failed.class);
            }
        }
    }

    private AuthStep respond(byte[] challengeValue, byte[] data) {
        MsChapV2 server = new MsChapV2(
                "gw", users, new LoginThrottle(LoginThrottle.Policy.OFF), PEER, new ScriptedRandom(7, challengeValue));
        RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
        server.start(out);
        return server.receive(new ControlPacket(2, 7, data), out);
    }

    @Test
    void packetsThatAreNotAResponseToOurChallengeAreIgnored() {
        MsChapV2 server = new MsChapV2("gw", users, throttle, PEER, random);
        RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
        byte[] data = new Exchange("User", new Credential.Password("clientPass")).responseData();
        assertThat(server.receive(new ControlPacket(2, 1, data), out))
                .as("before the Challenge")
                .isEqualTo(new AuthStep.Continue());
        server.start(out);
        int id = out.last().identifier();
        assertThat(server.receive(new ControlPacket(2, (id + 1) & 0xFF, data), out))
                .isEqualTo(new AuthStep.Continue());
        assertThat(server.receive(new ControlPacket(3, id, data), out)).isEqualTo(new AuthStep.Continue());
        assertThat(out.sent).hasSize(1);
    }

    @Test
    void challengeIsRetransmittedUnchangedUntilAnswered() {
        Exchange exchange = new Exchange("User", new Credential.Password("clientPass"));
        RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
        exchange.server.start(out);
        exchange.server.retransmit(out);
        assertThat(out.sent).hasSize(2);
        assertThat(out.sent.get(1)).isEqualTo(out.sent.get(0));
        exchange.server.receive(exchange.answer(out.sent.get(0)), out);
        exchange.server.retransmit(out);
        assertThat(out.sent).hasSize(3).last().extracting(ControlPacket::code).isEqualTo(3);
    }

    @Test
    void aRepeatedResponseGetsTheSameReplyWithoutASecondCheck() {
        Exchange exchange = new Exchange("User", new Credential.Password("clientPass"));
        exchange.run();
        RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
        assertThat(exchange.server.receive(exchange.response, out)).isEqualTo(new AuthStep.Continue());
        assertThat(out.last()).isEqualTo(exchange.lastFromServer);
    }

    @Test
    void clientAnswersARetransmittedChallengeIdentically() {
        Exchange exchange = new Exchange("User", new Credential.Password("clientPass"));
        RecordingSink toClient = new RecordingSink(AuthProtocol.MSCHAP_V2);
        exchange.server.start(toClient);
        ControlPacket challenge = toClient.last();
        ControlPacket first = exchange.answer(challenge);
        ControlPacket second = exchange.answer(challenge);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void clientRefusesASuccessThatDoesNotProveThePassword() {
        Exchange exchange = new Exchange("User", new Credential.Password("clientPass"));
        RecordingSink toClient = new RecordingSink(AuthProtocol.MSCHAP_V2);
        exchange.server.start(toClient);
        ControlPacket response = exchange.answer(toClient.last());
        exchange.server.receive(response, toClient);
        byte[] forged = toClient.last().data().clone();
        forged[2] = (byte) (forged[2] == '0' ? '1' : '0');
        AuthStep step = exchange.client.receive(new ControlPacket(3, response.identifier(), forged), toClient);
        assertThat(step)
                .isInstanceOfSatisfying(
                        AuthStep.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(FailureReason.PEER_NOT_AUTHENTIC));
        for (byte[] malformed : new byte[][] {new byte[0], ascii("S="), ascii("M=hello")}) {
            MsChapV2Responder client = new MsChapV2Responder("User", new Credential.Password("clientPass"), random);
            client.receive(toClient.sent.getFirst(), new RecordingSink(AuthProtocol.MSCHAP_V2));
            assertThat(client.receive(new ControlPacket(3, response.identifier(), malformed), toClient))
                    .isInstanceOfSatisfying(
                            AuthStep.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(FailureReason.PEER_NOT_AUTHENTIC));
        }
    }

    @Test
    void lockoutAfterMaxFailuresThenUnlockAfterTheDuration() {
        for (int attempt = 0; attempt < 5; attempt++) {
            Exchange exchange = new Exchange("User", new Credential.Password("guess" + attempt));
            exchange.run();
            assertThat(((AuthStep.Failed) exchange.serverStep).reason()).isEqualTo(FailureReason.WRONG_PASSWORD);
            now.set(now.get().plusSeconds(10));
        }
        assertThat(throttle.lockouts()).isEqualTo(2); // the user and the source address

        Exchange locked = new Exchange("User", new Credential.Password("clientPass"));
        locked.run();
        assertThat(locked.serverStep).isInstanceOfSatisfying(AuthStep.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(FailureReason.LOCKED_OUT);
            assertThat(failed.message()).contains("locked out until 2026-01-01T00:15:40Z");
        });
        assertThat(new String(locked.lastFromServer.data(), StandardCharsets.US_ASCII))
                .matches(FAILURE_FORMAT);

        now.set(now.get().plus(Duration.ofMinutes(15)));
        Exchange unlocked = new Exchange("User", new Credential.Password("clientPass"));
        unlocked.run();
        assertThat(unlocked.serverStep).isInstanceOf(AuthStep.Succeeded.class);
    }

    @Test
    void lockedOutLoginIsRefusedWithoutLookingAtThePassword() {
        AtomicInteger lookups = new AtomicInteger();
        CredentialStore counting = user -> {
            lookups.incrementAndGet();
            return users.find(user);
        };
        for (int attempt = 0; attempt < 5; attempt++) {
            throttle.recordFailure("User", PEER);
        }
        MsChapV2 server = new MsChapV2("gw", counting, throttle, PEER, random);
        Exchange exchange = new Exchange("User", new Credential.Password("clientPass"));
        RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
        server.start(out);
        AuthStep step = server.receive(exchange.answer(out.last()), out);
        assertThat(((AuthStep.Failed) step).reason()).isEqualTo(FailureReason.LOCKED_OUT);
        assertThat(lookups).hasValue(0);
    }

    private static byte[] withValueSize(byte[] data, int valueSize) {
        byte[] copy = data.clone();
        copy[0] = (byte) valueSize;
        return copy;
    }

    private static byte[] withName(byte[] data, int nameLength) {
        byte[] longer = Arrays.copyOf(data, 50 + nameLength);
        Arrays.fill(longer, 50, longer.length, (byte) 'a');
        return longer;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One server and one client, their packets passed by hand. */
    final class Exchange {
        final MsChapV2 server = new MsChapV2("gw", users, throttle, PEER, random);
        final MsChapV2Responder client;
        AuthStep serverStep;
        AuthStep clientStep;
        ControlPacket response;
        ControlPacket lastFromServer;
        int challengeIdentifier;

        Exchange(String user, Credential credential) {
            this.client = new MsChapV2Responder(user, credential, random);
        }

        ControlPacket answer(ControlPacket challenge) {
            RecordingSink toServer = new RecordingSink(AuthProtocol.MSCHAP_V2);
            assertThat(client.receive(challenge, toServer)).isEqualTo(new AuthStep.Continue());
            return toServer.last();
        }

        byte[] responseData() {
            RecordingSink out = new RecordingSink(AuthProtocol.MSCHAP_V2);
            server.start(out);
            return answer(out.last()).data();
        }

        void run() {
            RecordingSink toClient = new RecordingSink(AuthProtocol.MSCHAP_V2);
            client.start(new RecordingSink(AuthProtocol.MSCHAP_V2));
            server.start(toClient);
            challengeIdentifier = toClient.last().identifier();
            response = answer(toClient.last());
            serverStep = server.receive(response, toClient);
            lastFromServer = toClient.last();
            clientStep = client.receive(lastFromServer, new RecordingSink(AuthProtocol.MSCHAP_V2));
            assertThat(Optional.of(clientStep)).isNotEmpty();
        }
    }
}
