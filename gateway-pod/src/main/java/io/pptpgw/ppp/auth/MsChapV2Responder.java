package io.pptpgw.ppp.auth;

import io.pptpgw.crypto.MsChapV2Math;
import io.pptpgw.mppe.MppeKeys;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.auth.credentials.Credential;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The peer's side of MS-CHAPv2 (RFC 2759): answers the Challenge with a Peer-Challenge and NT-Response, then checks
 * that the authenticator's Success proves it knows the password too (RFC 2759 §5, §8.8) before trusting it. On
 * success the MPPE master keys of the client side (RFC 3079 §3) come back in the result.
 */
public final class MsChapV2Responder implements AuthResponder {
    private final String userName;
    private final byte[] name;
    private final byte[] passwordHash;
    private final RandomGenerator random;
    private byte[] answeredChallenge;
    private ControlPacket response;
    private byte[] authenticatorChallenge;
    private byte[] peerChallenge;
    private byte[] ntResponse;
    private boolean done;

    /**
     * @param userName the name to send, with a {@code DOMAIN\} prefix if the server expects one
     * @param credential the password or its NT hash; either serves MS-CHAPv2
     * @param random the source of the Peer-Challenge; a {@link java.security.SecureRandom} outside tests
     */
    public MsChapV2Responder(String userName, Credential credential, RandomGenerator random) {
        this.userName = userName;
        this.name = Chap.utf8(userName);
        this.passwordHash = credential.ntPasswordHash();
        this.random = random;
    }

    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.MSCHAP_V2;
    }

    /** The authenticator speaks first. */
    @Override
    public void start(ControlPacketSink out) {}

    @Override
    public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
        if (done) {
            return new AuthStep.Continue();
        }
        return switch (packet.code()) {
            case Chap.CHALLENGE -> answer(packet, out);
            case Chap.SUCCESS -> isReplyToOurResponse(packet) ? checkSuccess(packet.data()) : new AuthStep.Continue();
            case Chap.FAILURE -> isReplyToOurResponse(packet) ? refused(packet.data()) : new AuthStep.Continue();
            default -> new AuthStep.Continue();
        };
    }

    private AuthStep answer(ControlPacket challenge, ControlPacketSink out) {
        if (response != null
                && response.identifier() == challenge.identifier()
                && Arrays.equals(answeredChallenge, challenge.data())) {
            // The same Challenge again (our Response was lost): the same Response, or the server's Success would
            // prove a Peer-Challenge we no longer hold.
            out.send(protocol().pppProtocol(), response);
            return new AuthStep.Continue();
        }
        Chap.ValueAndName parsed = Chap.parse(challenge.data());
        if (parsed == null || parsed.value().length != MsChapV2Math.CHALLENGE_LENGTH) {
            return failed(
                    FailureReason.MALFORMED,
                    "the server's Challenge "
                            + (parsed == null ? Chap.whyMalformed(challenge.data()) : "is not 16 octets"));
        }
        authenticatorChallenge = parsed.value();
        peerChallenge = new byte[MsChapV2Math.CHALLENGE_LENGTH];
        random.nextBytes(peerChallenge);
        ntResponse = MsChapV2Math.generateNtResponse(authenticatorChallenge, peerChallenge, name, passwordHash);
        // RFC 2759 §4: Peer-Challenge, 8 reserved zero octets, NT-Response, Flags 0.
        byte[] value = new byte[MsChapV2.RESPONSE_VALUE_SIZE];
        System.arraycopy(peerChallenge, 0, value, 0, 16);
        System.arraycopy(ntResponse, 0, value, 24, 24);
        answeredChallenge = challenge.data();
        response = new ControlPacket(Chap.RESPONSE, challenge.identifier(), Chap.encode(value, name));
        out.send(protocol().pppProtocol(), response);
        return new AuthStep.Continue();
    }

    private boolean isReplyToOurResponse(ControlPacket packet) {
        return response != null && packet.identifier() == response.identifier();
    }

    /** RFC 2759 §5: the message starts "S=" and 40 hexadecimal digits, then optionally " M=<text>". */
    private AuthStep checkSuccess(byte[] data) {
        String message = new String(data, StandardCharsets.ISO_8859_1);
        String received = message.length() >= MsChapV2Math.AUTHENTICATOR_RESPONSE_LENGTH
                ? message.substring(0, MsChapV2Math.AUTHENTICATOR_RESPONSE_LENGTH)
                : message;
        if (!received.startsWith("S=")
                || !MsChapV2Math.checkAuthenticatorResponse(
                        passwordHash, ntResponse, peerChallenge, authenticatorChallenge, name, received)) {
            return failed(
                    FailureReason.PEER_NOT_AUTHENTIC,
                    "the server's Success does not prove it knows the password (RFC 2759 §8.8)");
        }
        done = true;
        return new AuthStep.Succeeded(userName, Optional.of(MppeKeys.masterKeys(passwordHash, ntResponse, false)));
    }

    /** RFC 2759 §6: "E=eeeeeeeeee R=r C=cccc V=vvvvvvvvvv M=<msg>", kept whole in the log line. */
    private AuthStep refused(byte[] data) {
        return failed(FailureReason.REJECTED_BY_PEER, "the server answered Failure: " + Chap.printable(data));
    }

    private AuthStep.Failed failed(FailureReason reason, String detail) {
        done = true;
        return new AuthStep.Failed(
                userName, reason, "MS-CHAPv2 login as \"" + Chap.printable(name) + "\" failed: " + detail);
    }
}
