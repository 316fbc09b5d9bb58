package io.pptpgw.ppp.auth;

import io.pptpgw.crypto.MsChapV2Math;
import io.pptpgw.mppe.MppeKeys;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The authenticator's side of MS-CHAPv2 (RFC 2759): sends a 16-octet random Challenge with our name, checks the
 * peer's NT-Response, and answers Success with the authenticator response that proves we know the password too, or
 * Failure. On success the MPPE master keys of the server side (RFC 3079 §3) come back in the result.
 */
public final class MsChapV2 implements Authenticator {
    /** RFC 2759 §4: Peer-Challenge (16), Reserved (8), NT-Response (24), Flags (1). */
    static final int RESPONSE_VALUE_SIZE = 49;

    static final String SUCCESS_TEXT = "Access granted";
    static final String FAILURE_TEXT = "Authentication failed";
    /** RFC 2759 §6: ERROR_AUTHENTICATION_FAILURE. The same for every cause, so the peer learns nothing more. */
    static final int ERROR_AUTHENTICATION_FAILURE = 691;

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private final byte[] ourName;
    private final LoginCheck loginCheck;
    private final RandomGenerator random;
    private byte[] authenticatorChallenge;
    private ControlPacket challenge;
    private ControlPacket reply;
    private byte[] matchedPasswordHash;

    /**
     * @param ourName the Name field of our Challenge, e.g. the gateway's host name
     * @param peer the address the call came from, for lockout and log lines
     * @param random the source of challenges; a {@link java.security.SecureRandom} outside tests
     */
    public MsChapV2(
            String ourName,
            CredentialStore credentials,
            LoginThrottle throttle,
            InetAddress peer,
            RandomGenerator random) {
        this.ourName = Chap.utf8(ourName);
        this.loginCheck = new LoginCheck("MS-CHAPv2", credentials, throttle, peer);
        this.random = random;
    }

    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.MSCHAP_V2;
    }

    @Override
    public void start(ControlPacketSink out) {
        authenticatorChallenge = randomBytes(MsChapV2Math.CHALLENGE_LENGTH);
        challenge =
                new ControlPacket(Chap.CHALLENGE, random.nextInt(256), Chap.encode(authenticatorChallenge, ourName));
        out.send(protocol().pppProtocol(), challenge);
    }

    @Override
    public void retransmit(ControlPacketSink out) {
        if (challenge != null && reply == null) {
            out.send(protocol().pppProtocol(), challenge);
        }
    }

    @Override
    public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
        if (challenge == null || packet.code() != Chap.RESPONSE || packet.identifier() != challenge.identifier()) {
            return new AuthStep.Continue(); // RFC 1994 §4.1: only a Response to our Challenge counts
        }
        if (reply != null) {
            // RFC 1994 §4.1: the Success may be lost, so a repeated Response gets the same reply again.
            out.send(protocol().pppProtocol(), reply);
            return new AuthStep.Continue();
        }
        AuthStep step = verify(packet.data());
        if (!(step instanceof AuthStep.Succeeded)) {
            reply = failure();
        }
        out.send(protocol().pppProtocol(), reply);
        return step;
    }

    private AuthStep verify(byte[] data) {
        Chap.ValueAndName response = Chap.parse(data);
        String malformed = whyMalformed(data, response);
        if (malformed != null) {
            return loginCheck.malformed("Response " + malformed);
        }
        byte[] name = response.name();
        byte[] peerChallenge = Arrays.copyOfRange(response.value(), 0, 16);
        byte[] ntResponse = Arrays.copyOfRange(response.value(), 24, 48);
        // RFC 2759 §8.2: the domain is not part of the hashed name, and users are stored without it.
        String user = new String(MsChapV2Math.userNameWithoutDomain(name), StandardCharsets.UTF_8);
        AuthStep step = loginCheck.check(user, credential -> {
            byte[] passwordHash = credential.ntPasswordHash();
            byte[] expected =
                    MsChapV2Math.generateNtResponse(authenticatorChallenge, peerChallenge, name, passwordHash);
            matchedPasswordHash = passwordHash;
            return MessageDigest.isEqual(expected, ntResponse) ? LoginCheck.Verdict.MATCH : LoginCheck.Verdict.MISMATCH;
        });
        return step instanceof AuthStep.Succeeded ? succeed(user, peerChallenge, ntResponse, name) : step;
    }

    private static String whyMalformed(byte[] data, Chap.ValueAndName response) {
        if (response == null) {
            return Chap.whyMalformed(data);
        }
        if (response.value().length != RESPONSE_VALUE_SIZE) {
            return "has Value-Size " + response.value().length + "; RFC 2759 §4 requires " + RESPONSE_VALUE_SIZE;
        }
        if (response.name().length > 256) {
            return "has a Name of " + response.name().length + " octets; RFC 2759 allows 256";
        }
        return null;
    }

    /** RFC 2759 §5: Success carries "S=<auth_string> M=<message>", proving we know the password too. */
    private AuthStep succeed(String user, byte[] peerChallenge, byte[] ntResponse, byte[] name) {
        byte[] passwordHash = matchedPasswordHash;
        String authenticatorResponse = MsChapV2Math.generateAuthenticatorResponse(
                passwordHash, ntResponse, peerChallenge, authenticatorChallenge, name);
        reply = new ControlPacket(
                Chap.SUCCESS, challenge.identifier(), Chap.utf8(authenticatorResponse + " M=" + SUCCESS_TEXT));
        return new AuthStep.Succeeded(user, Optional.of(MppeKeys.masterKeys(passwordHash, ntResponse, true)));
    }

    /** RFC 2759 §6: "E=691 R=0 C=<new challenge> V=3 M=<text>"; no retry is offered. */
    private ControlPacket failure() {
        String message = "E=" + ERROR_AUTHENTICATION_FAILURE + " R=0 C="
                + UPPER_HEX.formatHex(randomBytes(MsChapV2Math.CHALLENGE_LENGTH)) + " V=3 M=" + FAILURE_TEXT;
        return new ControlPacket(Chap.FAILURE, challenge.identifier(), Chap.utf8(message));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
