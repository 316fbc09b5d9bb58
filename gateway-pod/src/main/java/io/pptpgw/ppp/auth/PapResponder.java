package io.pptpgw.ppp.auth;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.auth.credentials.Credential;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The peer's side of PAP (RFC 1334 §2): sends the Authenticate-Request and waits for Ack or Nak. */
public final class PapResponder implements AuthResponder {
    private final String userName;
    private final byte[] requestData;
    private int identifier;
    private boolean done;

    /**
     * @throws IllegalArgumentException if the name or password exceed the 255 octets a length octet can say
     */
    public PapResponder(String userName, Credential.Password password) {
        byte[] peerId = userName.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.value().getBytes(StandardCharsets.UTF_8);
        if (peerId.length > 255 || secret.length > 255) {
            throw new IllegalArgumentException("PAP carries at most 255 octets of Peer-ID and of Password (RFC 1334"
                    + " §2.2.1); Peer-ID has " + peerId.length + ", Password " + secret.length);
        }
        this.userName = userName;
        this.requestData = new byte[2 + peerId.length + secret.length];
        requestData[0] = (byte) peerId.length;
        System.arraycopy(peerId, 0, requestData, 1, peerId.length);
        requestData[1 + peerId.length] = (byte) secret.length;
        System.arraycopy(secret, 0, requestData, 2 + peerId.length, secret.length);
    }

    @Override
    public AuthProtocol protocol() {
        return AuthProtocol.PAP;
    }

    @Override
    public void start(ControlPacketSink out) {
        send(out);
    }

    /** RFC 1334 §2.2.1: the Identifier changes each time an Authenticate-Request is sent. */
    @Override
    public void retransmit(ControlPacketSink out) {
        if (!done) {
            identifier = (identifier + 1) & 0xFF;
            send(out);
        }
    }

    private void send(ControlPacketSink out) {
        out.send(protocol().pppProtocol(), new ControlPacket(Pap.AUTHENTICATE_REQUEST, identifier, requestData));
    }

    @Override
    public AuthStep receive(ControlPacket packet, ControlPacketSink out) {
        if (done || packet.identifier() != identifier) {
            return new AuthStep.Continue();
        }
        return switch (packet.code()) {
            case Pap.AUTHENTICATE_ACK -> {
                done = true;
                yield new AuthStep.Succeeded(userName, Optional.empty());
            }
            case Pap.AUTHENTICATE_NAK -> {
                done = true;
                yield new AuthStep.Failed(
                        userName,
                        FailureReason.REJECTED_BY_PEER,
                        "PAP login as \"" + userName + "\" failed: the server answered Nak: " + message(packet.data()));
            }
            default -> new AuthStep.Continue();
        };
    }

    /** The Nak's Message, if its Msg-Length fits the data; the text is the server's, made safe to log. */
    private static String message(byte[] data) {
        if (data.length < 1 || 1 + (data[0] & 0xFF) > data.length) {
            return "(no readable message)";
        }
        return Chap.printable(Arrays.copyOfRange(data, 1, 1 + (data[0] & 0xFF)));
    }
}
