package io.pptpgw.ppp;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.AuthResponder;
import io.pptpgw.ppp.auth.AuthStep;
import io.pptpgw.ppp.auth.Authenticator;
import io.pptpgw.ppp.auth.FailureReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Stand-ins for the real PAP/CHAP/MS-CHAPv2 mechanisms: the same packet flow (CHAP: Challenge, Response, Success or
 * Failure; PAP: Authenticate-Request, -Ack or -Nak) with {@code user:password} in clear as the proof. MS-CHAPv2 hands
 * back fixed master keys, mirrored between the two sides.
 */
public final class FakeAuthentication {
    public static final MppeMasterKeys SERVER_KEYS = new MppeMasterKeys(filled(0x5A), filled(0xA5));
    public static final MppeMasterKeys CLIENT_KEYS = new MppeMasterKeys(filled(0xA5), filled(0x5A));

    private FakeAuthentication() {}

    /** The server's side, accepting only {@code user} with {@code password}. */
    public static Authenticator authenticator(AuthProtocol protocol, String user, String password) {
        return new Authenticator() {
            @Override
            public AuthProtocol protocol() {
                return protocol;
            }

            @Override
            public void start(ControlPacketSink out) {
                if (protocol != AuthProtocol.PAP) {
                    out.send(protocol.pppProtocol(), new ControlPacket(1, 1, text("challenge")));
                }
            }

            @Override
            public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
                int request = protocol == AuthProtocol.PAP ? 1 : 2;
                if (packet.code() != request) {
                    return new AuthStep.Continue();
                }
                String[] proof = new String(packet.data(), StandardCharsets.US_ASCII).split(":", 2);
                boolean good = proof.length == 2 && proof[0].equals(user) && proof[1].equals(password);
                int answer = protocol == AuthProtocol.PAP ? (good ? 2 : 3) : (good ? 3 : 4);
                out.send(
                        protocol.pppProtocol(),
                        new ControlPacket(answer, packet.identifier(), text(good ? "ok" : "E=691")));
                return good
                        ? new AuthStep.Succeeded(proof[0], keys(protocol, SERVER_KEYS))
                        : new AuthStep.Failed(proof[0], FailureReason.WRONG_PASSWORD, "wrong password");
            }
        };
    }

    /** The client's side, proving {@code user} with {@code password}. */
    public static AuthResponder responder(AuthProtocol protocol, String user, String password) {
        return new AuthResponder() {
            @Override
            public AuthProtocol protocol() {
                return protocol;
            }

            @Override
            public void start(ControlPacketSink out) {
                if (protocol == AuthProtocol.PAP) {
                    out.send(protocol.pppProtocol(), new ControlPacket(1, 1, text(user + ":" + password)));
                }
            }

            @Override
            public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
                boolean pap = protocol == AuthProtocol.PAP;
                if (!pap && packet.code() == 1) {
                    out.send(
                            protocol.pppProtocol(),
                            new ControlPacket(2, packet.identifier(), text(user + ":" + password)));
                    return new AuthStep.Continue();
                }
                if (packet.code() == (pap ? 2 : 3)) {
                    return new AuthStep.Succeeded(user, keys(protocol, CLIENT_KEYS));
                }
                return new AuthStep.Failed(user, FailureReason.REJECTED_BY_PEER, "server said Failure");
            }
        };
    }

    private static Optional<MppeMasterKeys> keys(AuthProtocol protocol, MppeMasterKeys keys) {
        return protocol == AuthProtocol.MSCHAP_V2 ? Optional.of(keys) : Optional.empty();
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[MppeMasterKeys.LENGTH];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
