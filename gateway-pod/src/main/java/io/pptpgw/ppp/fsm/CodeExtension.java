package io.pptpgw.ppp.fsm;

import io.pptpgw.ppp.ControlPacket;
import java.util.Optional;

/**
 * The codes a protocol adds to the seven every control protocol has (LCP: Protocol-Reject, Echo, Discard,
 * Identification, Time-Remaining; CCP: Reset-Request and Reset-Ack).
 */
public interface CodeExtension {
    /** For protocols without extra codes (IPCP): every other code is unknown (RUC). */
    CodeExtension NONE = new CodeExtension() {
        @Override
        public Optional<Event> receive(ControlPacket packet, State state) {
            return Optional.of(Event.RECEIVE_UNKNOWN_CODE);
        }

        @Override
        public void sendEchoReply(ControlPacket request) {}
    };

    /**
     * Handles a packet whose code is not one of the automaton's seven, in automaton state {@code state}, and returns
     * the event it raises ({@link Event#RECEIVE_UNKNOWN_CODE} for codes it does not know), or empty for none.
     */
    Optional<Event> receive(ControlPacket packet, State state);

    /** The ser action: answer {@code request} if it is an Echo-Request. */
    void sendEchoReply(ControlPacket request);
}
