package io.pptpgw.client;

import io.pptpgw.client.control.ClientCall;
import io.pptpgw.client.control.ClientControlConnection;
import io.pptpgw.ppp.NetworkParameters;
import io.pptpgw.session.Session;
import io.pptpgw.session.SessionSummary;
import java.net.Inet4Address;
import java.util.concurrent.CompletableFuture;

/** A dialled session whose link is up: what was negotiated, its traffic, and hanging up. */
public final class ClientSession {
    private final Session session;
    private final ClientControlConnection connection;
    private final ClientCall call;

    ClientSession(Session session, ClientControlConnection connection, ClientCall call) {
        this.session = session;
        this.connection = connection;
        this.call = call;
    }

    public NetworkParameters parameters() {
        return session.parameters();
    }

    /** The address the server assigned us (IPCP). */
    public Inet4Address address() {
        return session.parameters().localAddress();
    }

    /** The server's end of the link. */
    public Inet4Address serverAddress() {
        return session.parameters().peerAddress();
    }

    /** {@code none}, or the MPPE variant, e.g. {@code mppe-128} or {@code mppe-40-stateful}. */
    public String encryption() {
        return session.encryption();
    }

    public int callId() {
        return call.callId();
    }

    public int peerCallId() {
        return call.peerCallId();
    }

    public Session session() {
        return session;
    }

    public ClientControlConnection connection() {
        return connection;
    }

    /** Terminates LCP, clears the call and stops the control connection; completes with the accounting record. */
    public CompletableFuture<SessionSummary> hangUp() {
        session.hangUp("user hung up");
        return session.ended();
    }

    /** Completes when the session ends, from either side. */
    public CompletableFuture<SessionSummary> ended() {
        return session.ended();
    }
}
