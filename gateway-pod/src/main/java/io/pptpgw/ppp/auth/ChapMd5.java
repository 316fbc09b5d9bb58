package io.pptpgw.ppp.auth;

import io.pptpgw.crypto.ChapDigest;
import io.pptpgw.crypto.MsChapV2Math;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.random.RandomGenerator;

/**
 * The authenticator's side of CHAP with MD5 (RFC 1994): a random Challenge, and the peer's Response checked
 * against MD5(Identifier, secret, Challenge). It needs the plaintext password; a user stored only as an NT hash
 * fails with {@link FailureReason#CREDENTIAL_UNSUITABLE}.
 */
public final class ChapMd5 implements Authenticator {
    static final int CHALLENGE_LENGTH = 16;
    static final String SUCCESS_TEXT = "Access granted";
    static final String FAILURE_TEXT = "Authentication failed";

    private final byte[] ourName;
    private final LoginCheck loginCheck;
    private final RandomGenerator random;
    private ControlPacket challenge;
    private ControlPacket reply;

    public ChapMd5(
            String ourName,
            CredentialStore credentials,
            LoginThrottle throttle,
            InetAddress peer,
            RandomGenerator random) {
        this.ourName = Chap.utf8(ourName);
        this.loginCheck = new LoginCheck("CHAP-MD5", credentials, throttle, peer);
        this.random = random;
    }

    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.CHAP_MD5;
    }

    @Override
    public void start(ControlPacketSink out) {
        byte[] value = new byte[CHALLENGE_LENGTH];
        random.nextBytes(value);
        challenge = new ControlPacket(Chap.CHALLENGE, random.nextInt(256), Chap.encode(value, ourName));
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
            out.send(protocol().pppProtocol(), reply); // RFC 1994 §4.1: repeated Responses get the same reply
            return new AuthStep.Continue();
        }
        AuthStep step = verify(packet.data());
        boolean success = step instanceof AuthStep.Succeeded;
        reply = new ControlPacket(
                success ? Chap.SUCCESS : Chap.FAILURE,
                challenge.identifier(),
                Chap.utf8(success ? SUCCESS_TEXT : FAILURE_TEXT));
        out.send(protocol().pppProtocol(), reply);
        return step;
    }

    private AuthStep verify(byte[] data) {
        Chap.ValueAndName response = Chap.parse(data);
        if (response == null || response.value().length != ChapDigest.MD5_LENGTH) {
            String why = response == null
                    ? Chap.whyMalformed(data)
                    : "has Value-Size " + response.value().length + "; MD5 gives " + ChapDigest.MD5_LENGTH;
            return loginCheck.malformed("Response " + why);
        }
        byte[] challengeValue = Chap.parse(challenge.data()).value();
        String user = new String(MsChapV2Math.userNameWithoutDomain(response.name()), StandardCharsets.UTF_8);
        return loginCheck.check(user, credential -> switch (credential) {
            case Credential.NtHash hash -> LoginCheck.Verdict.UNSUITABLE;
            case Credential.Password password -> {
                byte[] expected = ChapDigest.md5(
                        challenge.identifier(), password.value().getBytes(StandardCharsets.UTF_8), challengeValue);
                yield MessageDigest.isEqual(expected, response.value())
                        ? LoginCheck.Verdict.MATCH
                        : LoginCheck.Verdict.MISMATCH;
            }
        });
    }
}
