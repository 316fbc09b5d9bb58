package io.pptpgw.ppp.auth;

import io.pptpgw.crypto.MsChapV2Math;
import io.pptpgw.crypto.NtHash;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The authenticator's side of PAP (RFC 1334 §2): waits for the peer's Authenticate-Request and answers Ack or Nak.
 * The password crosses the wire in the clear, which is why PAP needs {@code allowInsecure}. Both stored forms serve:
 * a password is compared, an NT hash is compared with the NT hash of the password received.
 *
 * <pre>
 * Authenticate-Request data:  | Peer-ID Length | Peer-ID ... | Passwd-Length | Password ... |
 * Authenticate-Ack/Nak data:  | Msg-Length | Message ... |
 * </pre>
 */
public final class Pap implements Authenticator {
    static final int AUTHENTICATE_REQUEST = 1;
    static final int AUTHENTICATE_ACK = 2;
    static final int AUTHENTICATE_NAK = 3;
    static final String SUCCESS_TEXT = "Access granted";
    static final String FAILURE_TEXT = "Authentication failed";

    private final LoginCheck loginCheck;
    private int replyCode;

    public Pap(CredentialStore credentials, LoginThrottle throttle, InetAddress peer) {
        this.loginCheck = new LoginCheck("PAP", credentials, throttle, peer);
    }

    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.PAP;
    }

    /** RFC 1334 §2.1: the peer speaks first; the caller's timer bounds the wait. */
    @Override
    public void start(ControlPacketSink out) {}

    @Override
    public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
        if (packet.code() != AUTHENTICATE_REQUEST) {
            return new AuthStep.Continue();
        }
        if (replyCode != 0) {
            reply(out, packet.identifier(), replyCode); // the reply may have been lost: repeat it, check nothing
            return new AuthStep.Continue();
        }
        AuthStep step = verify(packet.data());
        replyCode = step instanceof AuthStep.Succeeded ? AUTHENTICATE_ACK : AUTHENTICATE_NAK;
        reply(out, packet.identifier(), replyCode);
        return step;
    }

    private AuthStep verify(byte[] data) {
        int idLength = data.length < 1 ? -1 : data[0] & 0xFF;
        int passwordLengthAt = 1 + idLength;
        if (idLength < 0 || passwordLengthAt >= data.length) {
            return loginCheck.malformed("Authenticate-Request of " + data.length + " octets ends inside its Peer-ID");
        }
        int passwordLength = data[passwordLengthAt] & 0xFF;
        if (passwordLengthAt + 1 + passwordLength != data.length) {
            return loginCheck.malformed("Authenticate-Request has Passwd-Length " + passwordLength + " but "
                    + (data.length - passwordLengthAt - 1) + " octets follow it");
        }
        byte[] peerId = Arrays.copyOfRange(data, 1, passwordLengthAt);
        byte[] received = Arrays.copyOfRange(data, passwordLengthAt + 1, data.length);
        String user = new String(MsChapV2Math.userNameWithoutDomain(peerId), StandardCharsets.UTF_8);
        return loginCheck.check(
                user,
                credential -> matches(credential, received) ? LoginCheck.Verdict.MATCH : LoginCheck.Verdict.MISMATCH);
    }

    private static boolean matches(Credential credential, byte[] received) {
        return switch (credential) {
            case Credential.Password password ->
                MessageDigest.isEqual(password.value().getBytes(StandardCharsets.UTF_8), received);
            case Credential.NtHash hash ->
                MessageDigest.isEqual(hash.hash(), NtHash.ofPassword(new String(received, StandardCharsets.UTF_8)));
        };
    }

    private void reply(ControlPacketSink out, int identifier, int code) {
        byte[] message = Chap.utf8(code == AUTHENTICATE_ACK ? SUCCESS_TEXT : FAILURE_TEXT);
        byte[] data = new byte[1 + message.length];
        data[0] = (byte) message.length;
        System.arraycopy(message, 0, data, 1, message.length);
        out.send(protocol().pppProtocol(), new ControlPacket(code, identifier, data));
    }
}
