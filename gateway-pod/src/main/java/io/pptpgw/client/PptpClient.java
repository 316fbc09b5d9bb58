package io.pptpgw.client;

import io.netty.channel.EventLoop;
import io.pptpgw.client.control.ClientCall;
import io.pptpgw.client.control.ClientControlConnection;
import io.pptpgw.client.control.ClientSettings;
import io.pptpgw.client.control.PptpControlClient;
import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.dataplane.SourceRoutes;
import io.pptpgw.dataplane.TunnelSpec;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkRole;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.AuthResponder;
import io.pptpgw.ppp.auth.ChapMd5Responder;
import io.pptpgw.ppp.auth.MsChapV2Responder;
import io.pptpgw.ppp.auth.PapResponder;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.session.Session;
import io.pptpgw.session.SessionObserver;
import io.pptpgw.tun.TunDevice;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Our PPTP client (the PNS side of RFC 2637): dials a server, places a call, runs PPP as the authenticatee, and
 * carries IP between the tunnel and a {@link TunDevice} through the same data path as the gateway. One client may
 * hold many sessions over many control connections; packets from the TUN device go to the session whose address
 * is their source.
 */
public final class PptpClient implements AutoCloseable {
    private final PptpControlClient control;
    private final DataPlane dataPlane;
    private final SessionObserver observer;
    private final SecureRandom random = new SecureRandom();

    public PptpClient(GreSocket gre, TunDevice tun, ClientSettings settings, DataPlaneSettings dataPlaneSettings) {
        this(gre, tun, settings, dataPlaneSettings, SessionObserver.NONE);
    }

    public PptpClient(
            GreSocket gre,
            TunDevice tun,
            ClientSettings settings,
            DataPlaneSettings dataPlaneSettings,
            SessionObserver observer) {
        this.control = new PptpControlClient(settings, 0);
        this.dataPlane = new DataPlane(gre, tun, new SourceRoutes(), false, dataPlaneSettings);
        this.observer = observer;
        dataPlane.start();
    }

    /**
     * Connects, places a call and brings the link up. Completes when IP can flow, or exceptionally with the reason
     * the server or the negotiation gave.
     */
    public CompletableFuture<ClientSession> dial(
            InetSocketAddress server, String user, Credential credential, LinkSettings link) {
        return control.connect(server)
                .thenCompose(connection -> connection
                        .placeCall()
                        .thenCompose(call -> startSession(connection, call, server, user, credential, link))
                        .whenComplete((session, error) -> {
                            if (error != null) {
                                connection.stop();
                            }
                        }));
    }

    private CompletableFuture<ClientSession> startSession(
            ClientControlConnection connection,
            ClientCall call,
            InetSocketAddress server,
            String user,
            Credential credential,
            LinkSettings link) {
        if (!call.isConnected()) {
            return CompletableFuture.failedFuture(
                    new CompletionException(new IllegalStateException("the server refused the call: " + call.reply())));
        }
        EventLoop loop = connection.eventLoop();
        CompletableFuture<ClientSession> ready = new CompletableFuture<>();
        loop.execute(() -> {
            TunnelSpec spec = new TunnelSpec(
                    call.callId(),
                    call.peerCallId(),
                    Ipv4Address.of(server.getAddress()).bits(),
                    Ipv4Address.of(connection.localAddress().getAddress()).bits(),
                    0,
                    Math.max(1, call.reply().receiveWindowSize()),
                    call.reply().packetProcessingDelay() * 100);
            Session session = new Session(
                    new LinkRole.Client(responders(user, credential)),
                    link,
                    loop,
                    dataPlane,
                    spec,
                    server,
                    observer,
                    (ended, cause, reason) -> call.clear()
                            .whenComplete((notify, error) -> loop.execute(() -> {
                                ended.end(reason);
                                connection.stop();
                            })));
            call.disconnected()
                    .whenComplete((notify, error) -> loop.execute(() -> session.end(disconnectReason(notify))));
            connection.closeFuture().whenComplete((why, error) -> loop.execute(() -> session.end("control closed")));
            session.start();
            session.up().whenComplete((parameters, error) -> {
                if (error != null) {
                    ready.completeExceptionally(error);
                } else {
                    ready.complete(new ClientSession(session, connection, call));
                }
            });
        });
        return ready;
    }

    /**
     * A server that ends the link tells why in the Terminate-Request, but it may disconnect the call before that
     * packet arrives; its Call-Disconnect-Notify carries the reason too, as Call Statistics (RFC 2637 §2.13).
     */
    private static String disconnectReason(CallDisconnectNotify notify) {
        if (notify == null) {
            return "call disconnected";
        }
        return notify.callStatistics().isBlank()
                ? "call disconnected by the server (" + notify.resultCode() + ")"
                : "call disconnected by the server: " + notify.callStatistics();
    }

    private Function<AuthProtocol, AuthResponder> responders(String user, Credential credential) {
        return protocol -> switch (protocol) {
            case MSCHAP_V2 -> new MsChapV2Responder(user, credential, random);
            case CHAP_MD5 -> new ChapMd5Responder(user, password(credential, protocol));
            case PAP -> new PapResponder(user, password(credential, protocol));
        };
    }

    private static Credential.Password password(Credential credential, AuthProtocol protocol) {
        if (credential instanceof Credential.Password password) {
            return password;
        }
        throw new IllegalStateException(protocol + " needs the password itself; an NT hash cannot answer it");
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public void close() {
        control.close();
        dataPlane.close();
    }
}
