package io.pptpgw.ppp.fsm;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketCodec;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.LinkScheduler;
import io.pptpgw.ppp.PppProtocol;
import io.pptpgw.ppp.PppSpec;
import io.pptpgw.ppp.option.Negotiation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control protocol on one link (LCP, IPCP or CCP): it turns received packets into automaton events, carries out
 * the automaton's actions as packets (RFC 1661 §5), runs the Restart timer on the link's scheduler, and leaves option
 * semantics to its {@link Negotiation} and extra codes to its {@link CodeExtension}.
 *
 * <p>Replies to our Configure-Request are accepted only with the identifier of the request last sent and only once;
 * anything else is discarded silently, as are malformed packets (RFC 1661 §5).
 */
public final class ControlProtocol {
    /**
     * RFC 1661 §5.6, §5.7: a rejected packet is truncated to fit the peer's MRU; this fits the smallest MRU we accept,
     * after the Code-Reject or Protocol-Reject header.
     */
    public static final int MAXIMUM_REJECTED_LENGTH = PppSpec.MINIMUM_MRU - ControlPacket.HEADER_LENGTH - 2;

    private static final Logger log = LoggerFactory.getLogger(ControlProtocol.class);

    private final PppProtocol protocol;
    private final Negotiation negotiation;
    private final CodeExtension extension;
    private final ControlPacketSink sink;
    private final LinkScheduler scheduler;
    private final LayerEvents layer;
    private final Automaton automaton;
    private LinkScheduler.Scheduled restartTimerTask;
    private int restartTimerGeneration;
    private int lastIdentifier;
    private int requestIdentifier;
    private boolean awaitingReply;
    private ControlPacket received;
    private Negotiation.Reply pendingReply;
    private byte[] terminateReason = new byte[0];
    private byte[] lastAcknowledgedRequest;
    private Problem lastProblem;

    /**
     * Why the layer last gave up or was stopped, for the link's down reason.
     *
     * @param peerTerminated true when the peer sent Terminate-Request, false when we gave up or were rejected
     */
    public record Problem(boolean peerTerminated, String description) {}

    public ControlProtocol(
            PppProtocol protocol,
            Negotiation negotiation,
            CodeExtension extension,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            LayerEvents layer) {
        this.protocol = protocol;
        this.negotiation = negotiation;
        this.extension = extension;
        this.sink = sink;
        this.scheduler = scheduler;
        this.layer = layer;
        this.automaton = new Automaton(protocol.logName(), new PacketActions(), new ScheduledRestartTimer());
    }

    public PppProtocol protocol() {
        return protocol;
    }

    public State state() {
        return automaton.state();
    }

    public boolean isOpened() {
        return automaton.state() == State.OPENED;
    }

    public void up() {
        automaton.up();
    }

    public void down() {
        automaton.down();
    }

    public void open() {
        automaton.open();
    }

    /** Close, sending {@code reason} in the Terminate-Request (RFC 1661 §5.5 allows any data there). */
    public void close(String reason) {
        terminateReason = reason.getBytes(StandardCharsets.US_ASCII);
        automaton.close();
    }

    /** The peer sent an LCP Protocol-Reject of this protocol: RXJ- (RFC 1661 §5.7). */
    public void rejectedByPeer() {
        lastProblem = new Problem(false, "peer sent Protocol-Reject of " + protocol.logName());
        automaton.receiveCatastrophicReject();
    }

    /**
     * Why the layer last gave up or was stopped by the peer, e.g. {@code peer sent Terminate-Request "bye"} or
     * {@code no agreement after 10 Configure-Requests}; empty if nothing went wrong.
     */
    public Optional<Problem> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** A fresh identifier for a request this protocol or its extension sends. */
    public int nextIdentifier() {
        lastIdentifier = (lastIdentifier + 1) & 0xFF;
        return lastIdentifier;
    }

    public void send(Code code, int identifier, byte[] data) {
        ControlPacket packet = new ControlPacket(code.number(), identifier, data);
        PacketLog.sent(protocol.number(), packet, negotiation::describe);
        sink.send(protocol.number(), packet);
    }

    /** One packet of this protocol, already decoded from the frame. */
    public void receive(ControlPacket packet) {
        PacketLog.received(protocol.number(), packet, negotiation::describe);
        received = packet;
        Optional<Code> code = Code.fromNumber(packet.code()).filter(c -> Code.isAutomatonCode(c.number()));
        if (code.isEmpty()) {
            extension.receive(packet, automaton.state()).ifPresent(automaton::fire);
            return;
        }
        switch (code.get()) {
            case CONFIGURE_REQUEST -> receiveConfigureRequest(packet);
            case CONFIGURE_ACK -> receiveConfigureAck(packet);
            case CONFIGURE_NAK, CONFIGURE_REJECT -> receiveConfigureNakOrReject(packet);
            case TERMINATE_REQUEST -> {
                lastProblem = new Problem(true, "peer sent Terminate-Request" + quoted(packet.data()));
                automaton.receiveTerminateRequest();
            }
            case TERMINATE_ACK -> automaton.receiveTerminateAck();
            case CODE_REJECT -> receiveCodeReject(packet);
            default -> throw new IllegalStateException("not an automaton code: " + code.get());
        }
    }

    private void receiveConfigureRequest(ControlPacket packet) {
        if (automaton.state() == State.OPENED && Arrays.equals(packet.data(), lastAcknowledgedRequest)) {
            // Our Configure-Ack to this very request was lost and the peer's Restart timer sent it again. RFC 1661
            // would renegotiate from Opened (tld, scr, sca), which tears a running link down; a second Ack is all
            // the peer is missing, so it gets that and the layer stays Opened.
            log.debug("{}: Configure-Request repeated while Opened: acknowledging it again", protocol.logName());
            send(Code.CONFIGURE_ACK, packet.identifier(), packet.data());
            return;
        }
        if (!answersConfigureRequests(automaton.state())) {
            // RFC 1661 §4.1: here the reply does not depend on the options, so do not review them
            automaton.receiveGoodConfigureRequest();
            return;
        }
        switch (negotiation.respond(packet.data())) {
            case Negotiation.Malformed malformed ->
                log.debug("{}: discarding Configure-Request: {}", protocol.logName(), malformed.reason());
            case Negotiation.Reply reply -> {
                pendingReply = reply;
                if (reply.code() == Code.CONFIGURE_ACK) {
                    automaton.receiveGoodConfigureRequest();
                } else {
                    automaton.receiveBadConfigureRequest();
                }
            }
        }
    }

    private void receiveConfigureAck(ControlPacket packet) {
        if (!isReplyToOurRequest(packet)) {
            return;
        }
        if (!negotiation.receiveAck(packet.data())) {
            log.debug("{}: discarding Configure-Ack that does not repeat our request", protocol.logName());
            return;
        }
        awaitingReply = false;
        automaton.receiveConfigureAck();
    }

    private void receiveConfigureNakOrReject(ControlPacket packet) {
        if (!isReplyToOurRequest(packet)) {
            return;
        }
        boolean valid = packet.code() == Code.CONFIGURE_NAK.number()
                ? negotiation.receiveNak(packet.data())
                : negotiation.receiveReject(packet.data());
        if (!valid) {
            log.debug("{}: discarding malformed or inconsistent Configure-Nak/Reject", protocol.logName());
            return;
        }
        awaitingReply = false;
        automaton.receiveConfigureNakOrReject();
    }

    private boolean isReplyToOurRequest(ControlPacket packet) {
        if (awaitingReply && packet.identifier() == requestIdentifier) {
            return true;
        }
        log.debug(
                "{}: discarding reply id=0x{}: not an answer to our last Configure-Request",
                protocol.logName(),
                Integer.toHexString(packet.identifier()));
        return false;
    }

    private void receiveCodeReject(ControlPacket packet) {
        if (packet.data().length == 0) {
            log.debug("{}: discarding empty Code-Reject", protocol.logName());
            return;
        }
        int rejectedCode = packet.data()[0] & 0xFF;
        if (Code.isAutomatonCode(rejectedCode)) {
            lastProblem = new Problem(
                    false,
                    "peer sent Code-Reject of code " + rejectedCode + ", which " + protocol.logName() + " needs");
            automaton.receiveCatastrophicReject();
        } else {
            automaton.receivePermittedReject();
        }
    }

    private void restartTimerExpired(int generation) {
        if (generation != restartTimerGeneration) {
            return; // stopped or restarted since it was scheduled
        }
        restartTimerTask = null;
        if (automaton.restartCount() <= 0) {
            lastProblem = new Problem(
                    false,
                    switch (automaton.state()) {
                        case CLOSING, STOPPING ->
                            "no Terminate-Ack after " + PppSpec.MAX_TERMINATE + " Terminate-Requests";
                        default -> "no agreement after " + PppSpec.MAX_CONFIGURE + " Configure-Requests";
                    });
        }
        automaton.timeout();
    }

    private static boolean answersConfigureRequests(State state) {
        return switch (state) {
            case STOPPED, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> true;
            case INITIAL, STARTING, CLOSED, CLOSING, STOPPING -> false;
        };
    }

    private static String quoted(byte[] text) {
        return text.length == 0 ? "" : " \"" + new String(text, StandardCharsets.US_ASCII) + "\"";
    }

    private final class ScheduledRestartTimer implements RestartTimer {
        @Override
        public void start() {
            stop();
            int generation = restartTimerGeneration;
            restartTimerTask = scheduler.schedule(PppSpec.RESTART_INTERVAL, () -> restartTimerExpired(generation));
        }

        @Override
        public void stop() {
            restartTimerGeneration++;
            if (restartTimerTask != null) {
                restartTimerTask.cancel();
                restartTimerTask = null;
            }
        }
    }

    /** The automaton's actions as packets; each runs while the automaton is still in its old state. */
    private final class PacketActions implements Actions {
        @Override
        public void thisLayerUp() {
            layer.thisLayerUp();
        }

        @Override
        public void thisLayerDown() {
            layer.thisLayerDown();
        }

        @Override
        public void thisLayerStarted() {
            layer.thisLayerStarted();
        }

        @Override
        public void thisLayerFinished() {
            layer.thisLayerFinished();
        }

        @Override
        public void sendConfigureRequest() {
            boolean retransmission = switch (automaton.state()) {
                case REQ_SENT, ACK_RCVD, ACK_SENT -> true;
                default -> false;
            };
            if (!retransmission) {
                negotiation.reset(); // a new negotiation: from Closed, Stopped, Starting or Opened
            }
            byte[] options = negotiation.configureRequest();
            requestIdentifier = nextIdentifier();
            awaitingReply = true;
            send(Code.CONFIGURE_REQUEST, requestIdentifier, options);
        }

        @Override
        public void sendConfigureAck() {
            negotiation.acknowledged(pendingReply);
            lastAcknowledgedRequest = pendingReply.data();
            send(Code.CONFIGURE_ACK, received.identifier(), pendingReply.data());
        }

        @Override
        public void sendConfigureNak() {
            send(pendingReply.code(), received.identifier(), pendingReply.data());
        }

        @Override
        public void sendTerminateRequest() {
            send(Code.TERMINATE_REQUEST, nextIdentifier(), terminateReason);
        }

        @Override
        public void sendTerminateAck() {
            send(Code.TERMINATE_ACK, received.identifier(), new byte[0]);
        }

        @Override
        public void sendCodeReject() {
            byte[] rejected = ControlPacketCodec.encode(received);
            send(
                    Code.CODE_REJECT,
                    nextIdentifier(),
                    Arrays.copyOf(rejected, Math.min(rejected.length, MAXIMUM_REJECTED_LENGTH)));
        }

        @Override
        public void sendEchoReply() {
            extension.sendEchoReply(received);
        }
    }
}
