package io.pptpgw.ppp;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.LinkListener.DownCause;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.AuthStep;
import io.pptpgw.ppp.auth.FailureReason;
import io.pptpgw.ppp.ccp.Ccp;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.fsm.ControlProtocol;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.PacketLog;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.ppp.ipcp.Ipcp;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.Lcp;
import io.pptpgw.ppp.lcp.LcpEvents;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PPP link, either end: LCP, then authentication, then IPCP and CCP, through the phases of RFC 1661 §3.2. It is
 * pure: packets arrive through {@link #receive}, leave through the {@link ControlPacketSink}, time comes from the
 * {@link LinkScheduler}, and what happens is reported to the {@link LinkListener}.
 *
 * <p>Single-threaded: every method, every scheduled task and the sink run on the link's thread (the session's event
 * loop). Work caused by a layer event runs after the current event is complete, so no automaton ever sees an event in
 * the middle of a transition. The sink may hand packets on synchronously but should not call back into the link; if it
 * does, the call is queued.
 */
public final class PppLink {
    private static final Logger log = LoggerFactory.getLogger(PppLink.class);

    private final LinkRole role;
    private final LinkSettings settings;
    private final ControlPacketSink sink;
    private final LinkScheduler scheduler;
    private final LinkListener listener;
    private final Lcp lcp;
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private final ControlPacketSink authenticationSink;
    private boolean dispatching;
    private LinkPhase phase = LinkPhase.DEAD;
    private boolean started;
    private boolean finished;
    private Mechanism authentication;
    private boolean authenticated;
    private LinkScheduler.Scheduled authenticationTimer;
    private String user = "";
    private Optional<MppeMasterKeys> keys = Optional.empty();
    private Inet4Address allocated;
    private NetworkPhase network;
    private DownCause downCause;
    private String downReason;
    private boolean downReported;

    /** One authentication exchange, whichever side of it we are on. */
    private record Mechanism(
            AuthProtocol protocol,
            Consumer<ControlPacketSink> start,
            BiFunction<ControlPacket, ControlPacketSink, AuthStep> receive) {}

    public PppLink(
            LinkRole role,
            LinkSettings settings,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            LinkListener listener) {
        boolean server = role instanceof LinkRole.Server;
        if (server != settings.ipcp() instanceof IpcpSettings.Server) {
            throw new IllegalArgumentException("a " + (server ? "server" : "client") + " link needs "
                    + (server ? "server" : "client") + " IPCP settings, not " + settings.ipcp());
        }
        this.role = role;
        this.settings = settings;
        this.sink = sink;
        this.scheduler = new DispatchingScheduler(scheduler);
        this.listener = listener;
        this.lcp = new Lcp(server, settings.lcp(), sink, this.scheduler, new LcpCallbacks());
        this.authenticationSink = (protocol, packet) -> {
            PacketLog.sent(protocol, packet, data -> "");
            sink.send(protocol, packet);
        };
    }

    public LinkPhase phase() {
        return phase;
    }

    /** The tunnel under PPP is up: LCP opens and sends its first Configure-Request. */
    public void start() {
        dispatch(() -> {
            if (started) {
                return;
            }
            started = true;
            phase = LinkPhase.ESTABLISH;
            lcp.control().open();
            lcp.control().up();
        });
    }

    /**
     * One control packet: the information field of a PPP frame of {@code protocol}. The data path hands over every
     * protocol it does not carry itself (all but IP and MPPE data). Malformed packets are dropped and reported to
     * {@link LinkListener#controlPacketDropped}; protocols we do not speak are answered with an LCP Protocol-Reject
     * (RFC 1661 §5.7) while LCP is Opened.
     */
    public void receive(int protocol, byte[] packet) {
        dispatch(() -> receiveNow(protocol, packet));
    }

    /** The receiving MPPE path lost packets in stateful mode: ask the peer to flush (RFC 3078 §8.2). */
    public void requestCcpReset() {
        dispatch(() -> {
            if (network != null && !finished) {
                network.requestCcpReset();
            }
        });
    }

    /** Ends the link politely: Terminate-Request with {@code reason}, and down when acknowledged or timed out. */
    public void close(String reason) {
        dispatch(() -> terminate(DownCause.CLOSED_LOCALLY, reason));
    }

    /** The tunnel under PPP is gone: nothing more can be sent, and the link is down at once. */
    public void lowerLayerDown(String reason) {
        dispatch(() -> {
            record(DownCause.LOWER_LAYER_DOWN, reason);
            lcp.control().down();
            finish();
        });
    }

    private void receiveNow(int protocol, byte[] bytes) {
        if (!started || finished) {
            dropped(protocol, "the link is not running");
        } else if (protocol == PppProtocol.LCP.number()) {
            decode(protocol, bytes).ifPresent(lcp.control()::receive);
        } else if (authentication != null
                && protocol == authentication.protocol().pppProtocol()) {
            decode(protocol, bytes).ifPresent(this::receiveAuthentication);
        } else if (network != null && network.protocol(protocol).isPresent()) {
            ControlProtocol layer = network.protocol(protocol).get();
            decode(protocol, bytes).ifPresent(layer::receive);
        } else if (isForLaterPhase(protocol)) {
            dropped(protocol, "not expected in phase " + phase); // RFC 1661 §3.4-§3.6
        } else if (lcp.control().isOpened()) {
            lcp.sendProtocolReject(protocol, bytes);
            dropped(protocol, "protocol not supported; Protocol-Reject sent");
        } else {
            dropped(protocol, "protocol not supported");
        }
    }

    private boolean isForLaterPhase(int protocol) {
        return protocol == PppProtocol.IP.number()
                || protocol == PppProtocol.COMPRESSED_DATAGRAM.number()
                || protocol == PppProtocol.PAP.number()
                || protocol == PppProtocol.CHAP.number()
                || (network == null && protocol == PppProtocol.IPCP.number())
                || (network == null
                        && protocol == PppProtocol.CCP.number()
                        && settings.mppe().encryption() != MppePolicy.Encryption.OFF);
    }

    private Optional<ControlPacket> decode(int protocol, byte[] bytes) {
        return switch (ControlPacketCodec.decode(bytes)) {
            case ControlPacketCodec.Decoded decoded -> Optional.of(decoded.packet());
            case ControlPacketCodec.Malformed malformed -> {
                dropped(protocol, malformed.reason());
                yield Optional.empty();
            }
        };
    }

    private void dropped(int protocol, String reason) {
        log.debug("dropped {} packet: {}", PppProtocol.nameOf(protocol), reason);
        listener.controlPacketDropped(protocol, reason);
    }

    private void lcpUp() {
        if (finished || phase == LinkPhase.TERMINATE) {
            return;
        }
        Optional<AuthProtocol> method = lcp.authentication();
        if (role instanceof LinkRole.Server && method.isEmpty()) {
            terminate(
                    DownCause.AUTHENTICATION_REFUSED,
                    lcp.authenticationRefusal().orElse("peer did not agree to authenticate"));
        } else if (method.isPresent()) {
            beginAuthentication(method.get());
        } else {
            enterNetwork();
        }
    }

    private void beginAuthentication(AuthProtocol method) {
        phase = LinkPhase.AUTHENTICATE;
        authentication = switch (role) {
            case LinkRole.Server server -> {
                var authenticator = server.authenticators().apply(method);
                yield new Mechanism(method, authenticator::start, authenticator::receive);
            }
            case LinkRole.Client client -> {
                var responder = client.responders().apply(method);
                yield new Mechanism(method, responder::start, responder::receive);
            }
        };
        Duration timeout = settings.authenticationTimeout();
        authenticationTimer = scheduler.schedule(
                timeout,
                () -> authenticationFailed(
                        user, FailureReason.TIMEOUT, "no authentication within " + timeout.toSeconds() + " s"));
        authentication.start().accept(authenticationSink);
    }

    private void receiveAuthentication(ControlPacket packet) {
        PacketLog.received(authentication.protocol().pppProtocol(), packet, data -> "");
        AuthStep step = authentication.receive().apply(packet, authenticationSink);
        if (authenticated) {
            return; // a retransmission after success: the mechanism answered it, nothing changes
        }
        switch (step) {
            case AuthStep.Continue next -> {}
            case AuthStep.Succeeded succeeded -> authenticationSucceeded(succeeded);
            case AuthStep.Failed failed -> authenticationFailed(failed.user(), failed.reason(), failed.message());
        }
    }

    private void authenticationSucceeded(AuthStep.Succeeded succeeded) {
        cancelAuthenticationTimer();
        authenticated = true;
        user = succeeded.user();
        keys = succeeded.keys();
        listener.authenticationSucceeded(user, authentication.protocol());
        enterNetwork();
    }

    private void authenticationFailed(String name, FailureReason reason, String message) {
        if (finished || authenticated) {
            return;
        }
        cancelAuthenticationTimer();
        authentication = null;
        listener.authenticationFailed(name, reason, message);
        terminate(
                DownCause.AUTHENTICATION_FAILED,
                "authentication " + (name.isEmpty() ? "" : "of " + name + " ") + "failed: " + message);
    }

    private void enterNetwork() {
        boolean required = settings.mppe().encryption() == MppePolicy.Encryption.REQUIRED;
        if (required && keys.isEmpty()) {
            String method = authentication == null
                    ? "no authentication"
                    : authentication.protocol().name();
            terminate(
                    DownCause.ENCRYPTION_REFUSED,
                    "MPPE needs the keys of MS-CHAPv2, but " + method + " gave none; encryption is Required");
            return;
        }
        if (settings.ipcp() instanceof IpcpSettings.Server server) {
            Optional<Inet4Address> address = server.addresses().allocate(user);
            if (address.isEmpty()) {
                terminate(DownCause.ADDRESS_UNAVAILABLE, "no address for user " + user + ": the pool is exhausted");
                return;
            }
            allocated = address.get();
        }
        phase = LinkPhase.NETWORK;
        network = new NetworkPhase(settings.mppe(), lcp, ipcp(), ccp(), keys, new NetworkOutcome());
        network.start();
    }

    private Ipcp ipcp() {
        LayerEvents events =
                layerEvents(() -> network.ipcpUp(), () -> network.ipcpDown(), () -> network.ipcpFinished());
        return switch (settings.ipcp()) {
            case IpcpSettings.Server server -> Ipcp.server(server, allocated, sink, scheduler, events);
            case IpcpSettings.Client client -> Ipcp.client(client, sink, scheduler, events);
        };
    }

    /** CCP runs unless the policy is Off or there are no keys to encrypt with (then Optional means unencrypted). */
    private Ccp ccp() {
        if (settings.mppe().encryption() == MppePolicy.Encryption.OFF || keys.isEmpty()) {
            return null;
        }
        LayerEvents events = layerEvents(() -> network.ccpUp(), () -> network.ccpDown(), () -> network.ccpFinished());
        return new Ccp(settings.mppe(), sink, scheduler, events, listener::ccpResetRequestReceived);
    }

    private void lcpDown() {
        if (finished) {
            return;
        }
        if (network != null) {
            network.stop();
        }
        cancelAuthenticationTimer();
        Optional<ControlProtocol.Problem> problem = lcp.control().lastProblem();
        record(
                problem.filter(ControlProtocol.Problem::peerTerminated).isPresent()
                        ? DownCause.PEER_TERMINATED
                        : DownCause.NEGOTIATION_FAILED,
                problem.map(p -> "LCP: " + p.description())
                        .orElse("peer restarted LCP negotiation, which is not supported"));
        reportDown();
        phase = LinkPhase.TERMINATE;
        State state = lcp.control().state();
        if (state == State.REQ_SENT || state == State.ACK_SENT) {
            lcp.control().close("LCP renegotiation is not supported");
        }
    }

    /** Our decision to end the link; the first reason given is the one reported. */
    private void terminate(DownCause cause, String reason) {
        if (finished) {
            return;
        }
        if (downCause == null) {
            log.info("terminating PPP link: {}", reason);
        }
        record(cause, reason);
        reportDown();
        phase = LinkPhase.TERMINATE;
        cancelAuthenticationTimer();
        lcp.control().close(terminateText(cause, reason));
        State state = lcp.control().state();
        if (state == State.INITIAL || state == State.CLOSED) {
            finish(); // nothing to wait for: LCP never started or had already stopped
        }
    }

    /** What the peer reads in our Terminate-Request: nothing that helps guess users or passwords. */
    private static String terminateText(DownCause cause, String reason) {
        return switch (cause) {
            case CLOSED_LOCALLY, ENCRYPTION_REFUSED, ECHO_TIMEOUT, LOOPED_BACK -> reason;
            case AUTHENTICATION_FAILED, AUTHENTICATION_REFUSED -> "Authentication failed";
            case ADDRESS_UNAVAILABLE -> "No address available";
            case PEER_TERMINATED, LOWER_LAYER_DOWN, NEGOTIATION_FAILED -> "Negotiation failed";
        };
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        phase = LinkPhase.DEAD;
        cancelAuthenticationTimer();
        if (network != null) {
            network.stop();
        }
        if (allocated != null && settings.ipcp() instanceof IpcpSettings.Server server) {
            server.addresses().release(allocated);
            allocated = null;
        }
        record(
                DownCause.NEGOTIATION_FAILED,
                lcp.control().lastProblem().map(p -> "LCP: " + p.description()).orElse("LCP finished"));
        reportDown();
    }

    private void record(DownCause cause, String reason) {
        if (downCause == null) {
            downCause = cause;
            downReason = reason;
        }
    }

    private void reportDown() {
        if (!downReported) {
            downReported = true;
            listener.linkDown(downCause, downReason);
        }
    }

    private void peerRejected(int protocol) {
        if (network != null && network.protocol(protocol).isPresent()) {
            network.protocol(protocol).get().rejectedByPeer();
        } else if (authentication != null
                && protocol == authentication.protocol().pppProtocol()) {
            terminate(DownCause.AUTHENTICATION_REFUSED, "peer sent Protocol-Reject of " + PppProtocol.nameOf(protocol));
        } else {
            log.debug("peer rejected protocol {}", PppProtocol.nameOf(protocol));
        }
    }

    private void cancelAuthenticationTimer() {
        if (authenticationTimer != null) {
            authenticationTimer.cancel();
            authenticationTimer = null;
        }
    }

    /** Runs {@code work} now, or after the work in progress if called from within it. */
    private void dispatch(Runnable work) {
        if (dispatching) {
            queued.add(work);
            return;
        }
        dispatching = true;
        try {
            work.run();
            for (Runnable next = queued.poll(); next != null; next = queued.poll()) {
                next.run();
            }
        } finally {
            dispatching = false;
        }
    }

    private LayerEvents layerEvents(Runnable up, Runnable down, Runnable finish) {
        return new LayerEvents() {
            @Override
            public void thisLayerUp() {
                dispatch(unlessFinished(up));
            }

            @Override
            public void thisLayerDown() {
                dispatch(unlessFinished(down));
            }

            @Override
            public void thisLayerStarted() {}

            @Override
            public void thisLayerFinished() {
                dispatch(unlessFinished(finish));
            }
        };
    }

    private Runnable unlessFinished(Runnable work) {
        return () -> {
            if (!finished) {
                work.run();
            }
        };
    }

    private final class NetworkOutcome implements NetworkPhase.Outcome {
        @Override
        public void up(NetworkParameters parameters) {
            log.debug("link up: {}", parameters);
            listener.linkUp(parameters);
        }

        @Override
        public void fail(DownCause cause, String reason) {
            terminate(cause, reason);
        }
    }

    private final class LcpCallbacks implements LcpEvents {
        @Override
        public void thisLayerUp() {
            dispatch(PppLink.this::lcpUp);
        }

        @Override
        public void thisLayerDown() {
            dispatch(PppLink.this::lcpDown);
        }

        @Override
        public void thisLayerStarted() {}

        @Override
        public void thisLayerFinished() {
            dispatch(PppLink.this::finish);
        }

        @Override
        public void protocolRejected(int protocol) {
            dispatch(() -> peerRejected(protocol));
        }

        @Override
        public void echoRoundTrip(Duration roundTrip) {
            listener.echoRoundTrip(roundTrip);
        }

        @Override
        public void peerNotResponding(int unanswered) {
            dispatch(() -> terminate(
                    DownCause.ECHO_TIMEOUT,
                    "peer did not answer " + unanswered + " LCP Echo-Requests sent every "
                            + settings.lcp().echoInterval().toSeconds() + " s"));
        }

        @Override
        public void loopedBack() {
            dispatch(() -> terminate(
                    DownCause.LOOPED_BACK, "the link is looped back: our Magic-Number came back (RFC 1661 §6.4)"));
        }
    }

    /** The link's timers, each run through {@link #dispatch} like every other entry point. */
    private final class DispatchingScheduler implements LinkScheduler {
        private final LinkScheduler delegate;

        DispatchingScheduler(LinkScheduler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Scheduled schedule(Duration delay, Runnable task) {
            return delegate.schedule(delay, () -> dispatch(task));
        }

        @Override
        public long nanoTime() {
            return delegate.nanoTime();
        }
    }
}
