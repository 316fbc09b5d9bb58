package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import io.pptpgw.ppp.LinkScheduler;
import io.pptpgw.ppp.PppProtocol;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.fsm.CodeExtension;
import io.pptpgw.ppp.fsm.ControlProtocol;
import io.pptpgw.ppp.fsm.Event;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.ppp.option.Negotiation;
import io.pptpgw.ppp.option.OptionValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LCP on one link: its option handlers on the shared negotiator, its extra codes (Protocol-Reject, Echo-Request and
 * -Reply, Discard-Request; Identification and Time-Remaining from RFC 1570 are accepted and only logged), and dead-peer
 * detection while Opened. Options we do not handle are rejected, among them what Windows offers: Callback (13), MRRU
 * (17), Short Sequence (18), Endpoint Discriminator (19) and option 23.
 */
public final class Lcp implements CodeExtension {
    /** Names for logs of the options we reject (IANA "PPP LCP Configuration Option Types"). */
    private static final Map<Integer, String> REJECTED_OPTION_NAMES = Map.of(
            2, "asyncmap",
            4, "quality",
            13, "callback",
            17, "mrru",
            18, "ssnhf",
            19, "endpoint",
            23, "link-discriminator");

    private final MruOption mru;
    private final MagicNumberOption magicNumber;
    private final AuthProtocolOption authentication;
    private final FieldCompressionOption protocolFieldCompression;
    private final FieldCompressionOption addressAndControlFieldCompression;
    private final LcpEvents events;
    private final Echo echo;
    private final ControlProtocol control;

    /** @param authenticator true on the side that verifies the peer (the server) */
    public Lcp(
            boolean authenticator,
            LcpSettings settings,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            LcpEvents events) {
        this.events = events;
        this.mru = new MruOption(settings.mru());
        this.magicNumber = new MagicNumberOption(settings.magicNumbers(), events::loopedBack);
        this.authentication = authenticator
                ? AuthProtocolOption.authenticator(settings.authenticationMethods())
                : AuthProtocolOption.authenticatee(settings.authenticationMethods());
        this.protocolFieldCompression =
                FieldCompressionOption.protocolField(settings.requestProtocolFieldCompression());
        this.addressAndControlFieldCompression =
                FieldCompressionOption.addressAndControlField(settings.requestAddressAndControlFieldCompression());
        Negotiation negotiation = new Negotiation(
                List.of(mru, authentication, magicNumber, protocolFieldCompression, addressAndControlFieldCompression),
                REJECTED_OPTION_NAMES);
        this.echo = new Echo(
                settings.echoInterval(), settings.echoMaximumFailures(), scheduler, this::sendEchoRequest, events);
        this.control = new ControlProtocol(PppProtocol.LCP, negotiation, this, sink, scheduler, new EchoWhileOpened());
    }

    public ControlProtocol control() {
        return control;
    }

    public int localMru() {
        return mru.localMru();
    }

    public int peerMru() {
        return mru.peerMru();
    }

    public Optional<AuthProtocol> authentication() {
        return authentication.agreed();
    }

    /** Why the authenticator found no method the peer accepts, if so. */
    public Optional<String> authenticationRefusal() {
        return authentication.refusal();
    }

    public boolean compressProtocolFieldOnSend() {
        return protocolFieldCompression.mayCompressOnSend();
    }

    public boolean compressAddressAndControlFieldOnSend() {
        return addressAndControlFieldCompression.mayCompressOnSend();
    }

    /**
     * RFC 1661 §5.7: tell the peer we do not speak {@code protocol}, echoing the start of the rejected information. Only
     * sent while LCP is Opened.
     */
    public void sendProtocolReject(int protocol, byte[] information) {
        if (!control.isOpened()) {
            return;
        }
        int kept = Math.min(information.length, ControlProtocol.MAXIMUM_REJECTED_LENGTH);
        byte[] data = new byte[2 + kept];
        data[0] = (byte) (protocol >> 8);
        data[1] = (byte) protocol;
        System.arraycopy(information, 0, data, 2, kept);
        control.send(Code.PROTOCOL_REJECT, control.nextIdentifier(), data);
    }

    @Override
    public Optional<Event> receive(ControlPacket packet, State state) {
        return switch (Code.fromNumber(packet.code()).orElse(null)) {
            case PROTOCOL_REJECT -> receiveProtocolReject(packet, state);
            case ECHO_REQUEST, DISCARD_REQUEST -> Optional.of(Event.RECEIVE_ECHO_OR_DISCARD);
            case ECHO_REPLY -> {
                if (state == State.OPENED) {
                    echo.receiveReply(packet.identifier());
                }
                yield Optional.of(Event.RECEIVE_ECHO_OR_DISCARD);
            }
            case IDENTIFICATION, TIME_REMAINING -> Optional.empty(); // RFC 1570: informational only
            case null, default -> Optional.of(Event.RECEIVE_UNKNOWN_CODE); // CCP's codes and unknown ones
        };
    }

    /** ser: the reply carries our Magic-Number and the request's data (RFC 1661 §5.8). */
    @Override
    public void sendEchoReply(ControlPacket request) {
        if (request.code() != Code.ECHO_REQUEST.number()) {
            return;
        }
        byte[] reply = Arrays.copyOf(request.data(), Math.max(4, request.data().length));
        System.arraycopy(OptionValues.int32(magicNumber.agreed()), 0, reply, 0, 4);
        control.send(Code.ECHO_REPLY, request.identifier(), reply);
    }

    private Optional<Event> receiveProtocolReject(ControlPacket packet, State state) {
        if (state != State.OPENED || packet.data().length < 2) {
            return Optional.empty(); // RFC 1661 §5.7: discarded outside Opened
        }
        int protocol = OptionValues.unsigned16(packet.data());
        if (protocol == PppProtocol.LCP.number()) {
            return Optional.of(Event.RECEIVE_CATASTROPHIC_REJECT);
        }
        events.protocolRejected(protocol);
        return Optional.of(Event.RECEIVE_PERMITTED_REJECT);
    }

    private void sendEchoRequest(int identifier) {
        control.send(Code.ECHO_REQUEST, identifier, OptionValues.int32(magicNumber.agreed()));
    }

    /** Forwards the layer events, running dead-peer detection exactly while LCP is Opened. */
    private final class EchoWhileOpened implements LayerEvents {
        @Override
        public void thisLayerUp() {
            echo.start();
            events.thisLayerUp();
        }

        @Override
        public void thisLayerDown() {
            echo.stop();
            events.thisLayerDown();
        }

        @Override
        public void thisLayerStarted() {
            events.thisLayerStarted();
        }

        @Override
        public void thisLayerFinished() {
            echo.stop();
            events.thisLayerFinished();
        }
    }
}
