package io.pptpgw.session;

import io.netty.channel.EventLoop;
import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.Tunnel;
import io.pptpgw.dataplane.TunnelControl;
import io.pptpgw.dataplane.TunnelLink;
import io.pptpgw.dataplane.TunnelSpec;
import io.pptpgw.mppe.KeyStrength;
import io.pptpgw.mppe.MppeCipher;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkListener;
import io.pptpgw.ppp.LinkRole;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.NetworkParameters;
import io.pptpgw.ppp.PppFrame;
import io.pptpgw.ppp.PppLink;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import io.pptpgw.ppp.ccp.MppeMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PPTP call with its PPP link and its tunnel in the data path, on either side of the call.
 *
 * <pre>
 *   start ──> negotiating ──linkUp──> up ──┐
 *                  │                       ├──end──> ended
 *                  └────linkDown───────────┘   (the owner is told, ends the call, then calls end)
 * </pre>
 *
 * Everything but {@link #receiveControl} and {@link #requestCcpReset} runs on the event loop of the call's control
 * connection, so the link, its timers and this object need no locks.
 */
public final class Session implements TunnelControl, LinkListener {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /** How long a gateway waits for the client's first PPP frame before it opens LCP itself (see {@link #start}). */
    static final Duration PEER_OPENS_WITHIN = Duration.ofMillis(500);

    /** Told once when the link goes down by itself, so the owner can end the call (which then calls {@link #end}). */
    @FunctionalInterface
    public interface DownHandler {
        void linkDown(Session session, DownCause cause, String reason);
    }

    private final boolean server;
    private final EventLoop loop;
    private final DataPlane dataPlane;
    private final Tunnel tunnel;
    private final PppLink link;
    private final InetSocketAddress peer;
    private final SessionObserver observer;
    private final DownHandler downHandler;
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<NetworkParameters> upFuture = new CompletableFuture<>();
    private final CompletableFuture<SessionSummary> endFuture = new CompletableFuture<>();
    private AuthProtocol method;
    private String user = "";
    private NetworkParameters parameters;
    private String encryption = "none";
    private DownCause downCause;
    private String downReason = "";
    private boolean ended;
    private boolean startRequested;
    private boolean linkStarted;
    private ScheduledFuture<?> openAnyway;

    public Session(
            LinkRole role,
            LinkSettings settings,
            EventLoop loop,
            DataPlane dataPlane,
            TunnelSpec spec,
            InetSocketAddress peer,
            SessionObserver observer,
            DownHandler downHandler) {
        this.server = role instanceof LinkRole.Server;
        this.loop = loop;
        this.dataPlane = dataPlane;
        this.peer = peer;
        this.observer = observer;
        this.downHandler = downHandler;
        this.tunnel = dataPlane.open(spec, this);
        this.link = new PppLink(
                recordingMethod(role),
                settings,
                (protocol, packet) -> dataPlane.send(tunnel, PppFrame.encodeControl(protocol, packet)),
                new NettyLinkScheduler(loop),
                this);
    }

    private LinkRole recordingMethod(LinkRole role) {
        return switch (role) {
            case LinkRole.Server s ->
                new LinkRole.Server(protocol -> {
                    method = protocol;
                    return s.authenticators().apply(protocol);
                });
            case LinkRole.Client c ->
                new LinkRole.Client(protocol -> {
                    method = protocol;
                    return c.responders().apply(protocol);
                });
        };
    }

    /**
     * Starts LCP. Call on the event loop once the peer can take GRE for this call.
     *
     * <p>A client opens LCP as soon as its call is connected, but its data path may take GRE for the call only a
     * moment after the Outgoing-Call-Reply reached it: a gateway's Configure-Request sent at once can be lost, and
     * then costs the whole restart timer (RFC 1661 §4.6, 3 s) of every setup. So a gateway opens LCP when the client's
     * first frame arrives, which proves the client listens, or after {@link #PEER_OPENS_WITHIN} of silence.
     */
    public void start() {
        observer.setupStarted();
        startRequested = true;
        if (server) {
            openAnyway = loop.schedule(this::startLink, PEER_OPENS_WITHIN.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            startLink();
        }
    }

    private void startLink() {
        if (linkStarted || ended) {
            return;
        }
        linkStarted = true;
        if (openAnyway != null) {
            openAnyway.cancel(false);
        }
        link.start();
    }

    /** Completes with the negotiated parameters when the link carries IP, or exceptionally if it never does. */
    public CompletableFuture<NetworkParameters> up() {
        return upFuture;
    }

    /** Completes with the accounting record when the session has ended. */
    public CompletableFuture<SessionSummary> ended() {
        return endFuture;
    }

    /** Any thread: terminate the link politely (LCP Terminate-Request); the down handler follows. */
    public void hangUp(String reason) {
        loop.execute(() -> {
            if (!ended) {
                link.close(reason);
            }
        });
    }

    /**
     * The call is gone (cleared, disconnected, or its control connection lost): tear the link down at once, take
     * the tunnel out of the data path, and account. Idempotent; on the event loop.
     */
    public void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (openAnyway != null) {
            openAnyway.cancel(false);
        }
        boolean linkWasUp = downCause == null;
        if (linkWasUp) {
            downReason = reason;
        }
        // Also when the link went down first: after the peer's Terminate-Request LCP sits out its restart timer in
        // Stopping, and with the call gone nothing more can pass, so the link finishes now and its address goes back
        // to the pool at once rather than after the timer.
        link.lowerLayerDown(reason);
        if (linkWasUp && parameters == null && downCause == null) {
            observer.setupFailed(SessionObserver.CALL_ENDED, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
        dataPlane.close(tunnel);
        if (parameters == null) {
            upFuture.completeExceptionally(new SessionSetupException(downLabel(), downReason));
            endFuture.complete(summary());
            return;
        }
        SessionSummary summary = summary();
        observer.sessionEnded(summary);
        endFuture.complete(summary);
    }

    @Override
    public void receiveControl(int protocol, byte[] information) {
        loop.execute(() -> {
            if (!ended) {
                if (startRequested) {
                    startLink();
                }
                link.receive(protocol, information);
            }
        });
    }

    @Override
    public void requestCcpReset() {
        loop.execute(() -> {
            if (!ended) {
                link.requestCcpReset();
            }
        });
    }

    @Override
    public void authenticationSucceeded(String user, AuthProtocol protocol) {
        this.user = user;
        this.method = protocol;
    }

    @Override
    public void authenticationFailed(String user, FailureReason reason, String message) {
        this.user = user;
        observer.authenticationFailed(method, reason);
        log.info("{}: authentication of \"{}\" from {} failed: {} ({})", this, user, peer, reason.label(), message);
    }

    @Override
    public void linkUp(NetworkParameters parameters) {
        this.parameters = parameters;
        MppeCipher receive = null;
        MppeCipher send = null;
        if (parameters.mppe().isPresent()) {
            NetworkParameters.Mppe mppe = parameters.mppe().get();
            KeyStrength strength =
                    mppe.mode().keyLength() == MppeMode.KeyLength.BITS_40 ? KeyStrength.BITS_40 : KeyStrength.BITS_128;
            receive = MppeCipher.receiving(
                    mppe.masterKeys(), strength, mppe.mode().stateless());
            send = MppeCipher.sending(mppe.masterKeys(), strength, mppe.mode().stateless());
            encryption = "mppe-" + mppe.mode().keyLength().bits() + (mppe.mode().stateless() ? "" : "-stateful");
        }
        dataPlane.up(
                tunnel,
                new TunnelLink(
                        tunnelAddress(),
                        parameters.compressAddressAndControlOnSend(),
                        parameters.compressProtocolFieldOnSend(),
                        receive,
                        send));
        Duration setup = Duration.ofNanos(System.nanoTime() - startedNanos);
        observer.sessionUp(setup);
        log.info(
                "{}: up for \"{}\" from {}: {} <-> {}, {}, set up in {} ms",
                this,
                user,
                peer,
                parameters.localAddress().getHostAddress(),
                parameters.peerAddress().getHostAddress(),
                encryption,
                setup.toMillis());
        upFuture.complete(parameters);
    }

    @Override
    public void linkDown(DownCause cause, String reason) {
        downCause = cause;
        downReason = reason;
        if (parameters == null) {
            observer.setupFailed(cause.label(), Duration.ofNanos(System.nanoTime() - startedNanos));
        }
        log.info("{}: link down ({}): {}", this, cause.label(), reason);
        if (!ended) {
            downHandler.linkDown(this, cause, reason);
        }
    }

    @Override
    public void echoRoundTrip(Duration roundTrip) {
        observer.echoRoundTrip(roundTrip);
    }

    @Override
    public void ccpResetRequestReceived() {
        // The TUN worker flushes the send cipher as it sends our Reset-Ack, so the flushed packet follows the Ack.
        log.debug("{}: CCP Reset-Request from the peer; answered with a Reset-Ack", this);
    }

    @Override
    public void controlPacketDropped(int protocol, String reason) {
        log.debug("{}: dropped a control packet of protocol 0x{}: {}", this, Integer.toHexString(protocol), reason);
    }

    public EventLoop eventLoop() {
        return loop;
    }

    public Tunnel tunnel() {
        return tunnel;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public String user() {
        return user;
    }

    public String encryption() {
        return encryption;
    }

    public Instant started() {
        return started;
    }

    /** The negotiated parameters, or null while negotiating. */
    public NetworkParameters parameters() {
        return parameters;
    }

    public boolean isServer() {
        return server;
    }

    private int tunnelAddress() {
        return Ipv4Address.of(server ? parameters.peerAddress() : parameters.localAddress())
                .bits();
    }

    private String downLabel() {
        return downCause == null ? "call_ended" : downCause.label();
    }

    private SessionSummary summary() {
        String address = parameters == null
                ? ""
                : (server ? parameters.peerAddress() : parameters.localAddress()).getHostAddress();
        return new SessionSummary(
                user,
                tunnel.spec().localCallId(),
                peer,
                address,
                encryption,
                started,
                Duration.between(started, Instant.now()),
                tunnel.receivedPackets(),
                tunnel.receivedBytes(),
                tunnel.sentPackets(),
                tunnel.sentBytes(),
                downCause == null ? downReason : downCause.label() + ": " + downReason);
    }

    @Override
    public String toString() {
        return "session[call " + tunnel.spec().localCallId() + "]";
    }
}
