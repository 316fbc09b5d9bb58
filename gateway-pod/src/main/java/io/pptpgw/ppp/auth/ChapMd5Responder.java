package io.pptpgw.ppp.auth;

import io.pptpgw.crypto.ChapDigest;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.auth.credentials.Credential;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The peer's side of CHAP with MD5 (RFC 1994 §4): answers each Challenge with MD5(Identifier, secret, Challenge). */
public final class ChapMd5Responder implements AuthResponder {
    private final String userName;
    private final byte[] secret;
    private ControlPacket response;
    private boolean done;

    public ChapMd5Responder(String userName, Credential.Password password) {
        this.userName = userName;
        this.secret = password.value().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.CHAP_MD5;
    }

    /** The authenticator speaks first. */
    @Override
    public void start(ControlPacketSink out) {}

    @Override
    public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
        if (done) {
            return new AuthStep.Continue();
        }
        boolean ours = response != null && packet.identifier() == response.identifier();
        return switch (packet.code()) {
            case Chap.CHALLENGE -> answer(packet, out);
            case Chap.SUCCESS -> ours ? succeeded() : new AuthStep.Continue();
            case Chap.FAILURE ->
                ours
                        ? failed(
                                FailureReason.REJECTED_BY_PEER,
                                "the server answered Failure: " + Chap.printable(packet.data()))
                        : new AuthStep.Continue();
            default -> new AuthStep.Continue();
        };
    }

    private AuthStep answer(ControlPacket challenge, ControlPacketSink out) {
        Chap.ValueAndName parsed = Chap.parse(challenge.data());
        if (parsed == null) {
            return failed(FailureReason.MALFORMED, "the server's Challenge " + Chap.whyMalformed(challenge.data()));
        }
        byte[] value = ChapDigest.md5(challenge.identifier(), secret, parsed.value());
        response = new ControlPacket(Chap.RESPONSE, challenge.identifier(), Chap.encode(value, Chap.utf8(userName)));
        out.send(protocol().pppProtocol(), response);
        return new AuthStep.Continue();
    }

    private AuthStep succeeded() {
        done = true;
        return new AuthStep.Succeeded(userName, Optional.empty());
    }

    private AuthStep failed(FailureReason reason, String detail) {
        done = true;
        return new AuthStep.Failed(userName, reason, "CHAP-MD5 login as \"" + userName + "\" failed: " + detail);
    }
}
