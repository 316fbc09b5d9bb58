package io.pptpgw.ppp;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.LinkListener.DownCause;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import io.pptpgw.ppp.ccp.Ccp;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.fsm.ControlProtocol;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.ppp.ipcp.Ipcp;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.Lcp;
import io.pptpgw.ppp.lcp.LcpEvents;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;
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
    private final Dispatcher dispatcher;
    private LinkPhase phase = LinkPhase.DEAD;
    private boolean started;
    private boolean finished;
    private AuthenticationPhase authentication;
    private String user = "";
    private Optional<MppeMasterKeys> keys = Optional.empty();
    private Inet4Address allocated;
    private NetworkPhase network;
    private final DownReason down;

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
        this.dispatcher = new Dispatcher(scheduler);
        this.scheduler = dispatcher;
        this.listener = listener;
        this.down = new DownReason(listener);
        this.lcp = new Lcp(server, settings.lcp(), sink, dispatcher, new LcpCallbacks());
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
            down.record(DownCause.LOWER_LAYER_DOWN, reason);
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
            decode(protocol, bytes).ifPresent(authentication::receive);
        } else if (network != null && network.protocol(protocol).isPresent()) {
            ControlProtocol layer = network.protocol(protocol).get();
            decode(protocol, bytes).ifPresent(packet -> {
                network.peerSent(protocol);
                layer.receive(packet);
            });
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
        authentication = new AuthenticationPhase(
                role, method, sink, scheduler, settings.authenticationTimeout(), new AuthenticationOutcome());
        authentication.start();
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
        stopAuthentication();
        Optional<ControlProtocol.Problem> problem = lcp.control().lastProblem();
        if (phase == LinkPhase.TERMINATE) {
            return; // our own Close: terminate() decided, and finish() reports once LCP is done
        }
        down.record(
                problem.filter(ControlProtocol.Problem::peerTerminated).isPresent()
                        ? DownCause.PEER_TERMINATED
                        : DownCause.NEGOTIATION_FAILED,
                problem.map(p -> "LCP: " + p.description())
                        .orElse("peer restarted LCP negotiation, which is not supported"));
        down.report();
        phase = LinkPhase.TERMINATE;
        State state = lcp.control().state();
        if (state == State.REQ_SENT || state == State.ACK_SENT) {
            lcp.control().close("LCP renegotiation is not supported");
        }
    }

    /**
     * Our decision to end the link; the first reason given is the one reported. The listener hears of it (and the
     * owner clears the call) only when LCP finished, after the peer's Terminate-Ack or the last Terminate-Request timed
     * out (RFC 1661 §3.7: the physical layer goes only after the Terminate exchange): clearing the call at once let the
     * Call-Clear-Request overtake our Terminate-Request, and the peer saw a hang-up with no reason.
     */
    private void terminate(DownCause cause, String reason) {
        if (finished) {
            return;
        }
        if (!down.isRecorded()) {
            log.info("terminating PPP link: {}", reason);
        }
        down.record(cause, reason);
        if (phase == LinkPhase.TERMINATE) {
            return; // already terminating
        }
        phase = LinkPhase.TERMINATE;
        stopAuthentication();
        lcp.control().close(DownReason.forPeer(cause, reason));
        State state = lcp.control().state();
        if (state == State.INITIAL || state == State.CLOSED) {
            finish(); // nothing to wait for: LCP never started or had already stopped
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        phase = LinkPhase.DEAD;
        stopAuthentication();
        if (network != null) {
            network.stop();
        }
        if (allocated != null && settings.ipcp() instanceof IpcpSettings.Server server) {
            server.addresses().release(allocated);
            allocated = null;
        }
        down.record(
                DownCause.NEGOTIATION_FAILED,
                lcp.control().lastProblem().map(p -> "LCP: " + p.description()).orElse("LCP finished"));
        down.report();
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

    private void stopAuthentication() {
        if (authentication != null) {
            authentication.stop();
        }
    }

    private void dispatch(Runnable work) {
        dispatcher.run(work);
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

    private final class AuthenticationOutcome implements AuthenticationPhase.Outcome {
        @Override
        public void succeeded(String name, Optional<MppeMasterKeys> masterKeys) {
            user = name;
            keys = masterKeys;
            listener.authenticationSucceeded(name, authentication.protocol());
            enterNetwork();
        }

        @Override
        public void failed(String name, FailureReason reason, String message) {
            listener.authenticationFailed(name, reason, message);
            terminate(
                    DownCause.AUTHENTICATION_FAILED,
                    "authentication " + (name.isEmpty() ? "" : "of " + name + " ") + "failed: " + message);
        }
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
}
