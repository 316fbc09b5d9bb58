package io.pptpgw.ppp.ccp;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.LinkScheduler;
import io.pptpgw.ppp.PppProtocol;
import io.pptpgw.ppp.fsm.CodeExtension;
import io.pptpgw.ppp.fsm.ControlProtocol;
import io.pptpgw.ppp.fsm.Event;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.ppp.option.Negotiation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CCP on one link with the MPPE option alone; every compression method (Deflate, BSD, Predictor, Stac, MPPC inside the
 * MPPE option) is refused. Reset-Request and Reset-Ack are handled here, outside the automaton: a Reset-Request from
 * the peer means it lost MPPE packets in stateful mode and our sender must flush (RFC 3078 §8.2).
 *
 * <p>A Reset-Request is answered with a Reset-Ack carrying its Identifier. RFC 3078 §8.2 needs no Reset-Ack for MPPE,
 * but RFC 1962 §2.1 requires one, and Linux depends on it: once its MPPE decryptor reports a loss, the kernel stops
 * decrypting until a Reset-Ack arrives (ppp_generic's SC_DC_ERROR), so a Linux peer without one never recovers.
 * Windows ignores the Reset-Ack. The data path changes our send key when the Reset-Ack goes out (as the Linux kernel
 * does when it sees pppd's), so the flushed packet always follows it.
 */
public final class Ccp implements CodeExtension {
    private static final Map<Integer, String> REJECTED_OPTION_NAMES =
            Map.of(1, "predictor1", 2, "predictor2", 17, "stac", 21, "bsd", 24, "deflate-draft", 26, "deflate");

    private final MppeOption mppe;
    private final Runnable resetRequested;
    private final ControlProtocol control;

    /** What CCP agreed on, once Opened. */
    public sealed interface Outcome {
        record Encrypted(MppeMode mode) implements Outcome {}

        /** Neither direction agreed on MPPE. */
        record Unencrypted(String why) implements Outcome {}

        /** One direction encrypts and the other does not, or not alike: no data path can serve that. */
        record Inconsistent(String why) implements Outcome {}
    }

    /** @param resetRequested called when the peer sends a Reset-Request while CCP is Opened, after the Reset-Ack */
    public Ccp(
            MppePolicy policy,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            LayerEvents events,
            Runnable resetRequested) {
        this.mppe = new MppeOption(policy);
        this.resetRequested = resetRequested;
        this.control = new ControlProtocol(
                PppProtocol.CCP, new Negotiation(List.of(mppe), REJECTED_OPTION_NAMES), this, sink, scheduler, events);
    }

    public ControlProtocol control() {
        return control;
    }

    public Outcome outcome() {
        Optional<MppeMode> ours = mppe.acknowledgedByPeer();
        Optional<MppeMode> peers = mppe.acknowledgedByUs();
        if (ours.isEmpty() && peers.isEmpty()) {
            return new Outcome.Unencrypted("peer refused MPPE");
        }
        if (ours.isEmpty() || peers.isEmpty()) {
            return new Outcome.Inconsistent("MPPE was agreed in one direction only ("
                    + (ours.isEmpty() ? "peer refused our request" : "peer did not ask for it") + ")");
        }
        if (!ours.equals(peers)) {
            return new Outcome.Inconsistent(
                    "MPPE modes differ between directions: " + ours.get() + " and " + peers.get());
        }
        return new Outcome.Encrypted(ours.get());
    }

    /** Asks the peer to flush its MPPE sender after we lost packets in stateful mode (RFC 3078 §8.2). */
    public void sendResetRequest() {
        if (control.isOpened()) {
            control.send(Code.RESET_REQUEST, control.nextIdentifier(), new byte[0]);
        }
    }

    @Override
    public Optional<Event> receive(ControlPacket packet, State state) {
        return switch (Code.fromNumber(packet.code()).orElse(null)) {
            case RESET_REQUEST -> {
                if (state == State.OPENED) {
                    control.send(Code.RESET_ACK, packet.identifier(), new byte[0]); // RFC 1962 §2.1
                    resetRequested.run();
                }
                yield Optional.empty();
            }
            case RESET_ACK -> Optional.empty(); // our receiver resynchronises on the flushed bit alone
            case null, default -> Optional.of(Event.RECEIVE_UNKNOWN_CODE);
        };
    }

    @Override
    public void sendEchoReply(ControlPacket request) {}
}
