package io.pptpgw.ppp.option;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.PppSpec;
import io.pptpgw.testing.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 1661 §5.2-5.4 reply assembly and §4.6 Max-Failure, against recording handlers. */
class NegotiationTest {
    /** Acks any value. */
    private final Recording anything = new Recording(1, "anything", value -> Verdict.ACK);
    /** Acks only 0x0a, Naks everything else to it. */
    private final Recording onlyTen = new Recording(
            2, "ten", value -> Arrays.equals(value, Hex.bytes("0a")) ? Verdict.ACK : Verdict.nak(Hex.bytes("0a")));
    /** Rejects whatever value. */
    private final Recording never = new Recording(3, "never", value -> Verdict.REJECT);

    private final Negotiation negotiation = new Negotiation(List.of(anything, onlyTen, never), Map.of(9, "nine"));

    @Test
    void anAcceptableRequestIsAcknowledgedByteForByte() {
        byte[] request = Hex.bytes("02 03 0a  01 05 010203");
        Negotiation.Reply reply = reply(request);
        assertThat(reply.code()).isEqualTo(Code.CONFIGURE_ACK);
        assertThat(reply.data()).isEqualTo(request);
    }

    @Test
    void aNakCarriesOnlyTheHints() {
        Negotiation.Reply reply = reply(Hex.bytes("01 03 ff  02 03 07"));
        assertThat(reply.code()).isEqualTo(Code.CONFIGURE_NAK);
        assertThat(reply.data()).isEqualTo(Hex.bytes("02 03 0a"));
    }

    @Test
    void theWorstVerdictWinsAndARejectCarriesOnlyTheRejectedOptionsUnchanged() {
        Negotiation.Reply reply = reply(Hex.bytes("01 03 ff  02 03 07  03 04 beef  09 02"));
        assertThat(reply.code()).isEqualTo(Code.CONFIGURE_REJECT);
        assertThat(reply.data())
                .as("option 3 by its handler, 9 for lack of one; the Nak'd option 2 is not included")
                .isEqualTo(Hex.bytes("03 04 beef  09 02"));
    }

    @Test
    void verdictsAreOrderedAckNakReject() {
        Verdict nak = Verdict.nak(Hex.bytes("01"));
        assertThat(Verdict.worst(Verdict.ACK, nak)).isEqualTo(nak);
        assertThat(Verdict.worst(nak, Verdict.ACK)).isEqualTo(nak);
        assertThat(Verdict.worst(nak, Verdict.REJECT)).isEqualTo(Verdict.REJECT);
        assertThat(Verdict.worst(Verdict.REJECT, nak)).isEqualTo(Verdict.REJECT);
    }

    @Test
    void afterMaxFailureNaksBecomeRejectsWithoutEndingTheNegotiation() {
        byte[] stubborn = Hex.bytes("01 03 ff  02 03 07");
        for (int nak = 1; nak <= PppSpec.MAX_FAILURE; nak++) {
            assertThat(reply(stubborn).code()).as("Nak %d", nak).isEqualTo(Code.CONFIGURE_NAK);
        }
        Negotiation.Reply converted = reply(stubborn);
        assertThat(converted.code()).isEqualTo(Code.CONFIGURE_REJECT);
        assertThat(converted.data()).isEqualTo(Hex.bytes("02 03 07"));
        assertThat(reply(Hex.bytes("01 03 ff")).code())
                .as("a request without the disputed option is still acknowledged")
                .isEqualTo(Code.CONFIGURE_ACK);
    }

    @Test
    void anAckStartsTheMaxFailureCountAgain() {
        byte[] stubborn = Hex.bytes("02 03 07");
        for (int nak = 1; nak < PppSpec.MAX_FAILURE; nak++) {
            reply(stubborn);
        }
        reply(Hex.bytes("02 03 0a"));
        for (int nak = 1; nak <= PppSpec.MAX_FAILURE; nak++) {
            assertThat(reply(stubborn).code()).as("Nak %d after an Ack", nak).isEqualTo(Code.CONFIGURE_NAK);
        }
    }

    @Test
    void aHintForAnAbsentOptionPromptsThePeerUntilMaxFailure() {
        onlyTen.hintWhenAbsent = Hex.bytes("0a");
        Negotiation.Reply reply = reply(Hex.bytes("01 03 ff"));
        assertThat(reply.code()).isEqualTo(Code.CONFIGURE_NAK);
        assertThat(reply.data()).isEqualTo(Hex.bytes("02 03 0a"));
        for (int nak = 2; nak <= PppSpec.MAX_FAILURE; nak++) {
            reply(Hex.bytes("01 03 ff"));
        }
        assertThat(reply(Hex.bytes("01 03 ff")).code()).isEqualTo(Code.CONFIGURE_ACK);
    }

    @Test
    void malformedOptionsAreReportedNotAnswered() {
        assertThat(negotiation.respond(Hex.bytes("01 05 ff")))
                .isEqualTo(new Negotiation.Malformed("option 1 at offset 0 has Length 5 but only 3 bytes remain"));
    }

    @Test
    void ourRequestCarriesWhatTheHandlersAskForInOrder() {
        onlyTen.request = Hex.bytes("0a");
        anything.request = Hex.bytes("01");
        assertThat(negotiation.configureRequest()).isEqualTo(Hex.bytes("01 03 01  02 03 0a"));
    }

    @Test
    void anAckMustRepeatOurRequestExactly() {
        anything.request = Hex.bytes("01");
        onlyTen.request = Hex.bytes("0a");
        negotiation.configureRequest();
        assertThat(negotiation.receiveAck(Hex.bytes("02 03 0a  01 03 01")))
                .as("reordered")
                .isFalse();
        assertThat(negotiation.receiveAck(Hex.bytes("01 03 01")))
                .as("shortened")
                .isFalse();
        assertThat(anything.events).isEmpty();
        assertThat(negotiation.receiveAck(Hex.bytes("01 03 01  02 03 0a"))).isTrue();
        assertThat(anything.events).containsExactly("acked 01");
        assertThat(onlyTen.events).containsExactly("acked 0a");
    }

    @Test
    void aNakHandsEachHintToItsHandler() {
        anything.request = Hex.bytes("01");
        negotiation.configureRequest();
        assertThat(negotiation.receiveNak(Hex.bytes("01 03 02  02 03 0b  09 02")))
                .isTrue();
        assertThat(anything.events).containsExactly("naked 02");
        assertThat(onlyTen.events).as("a hint for an option we did not request").containsExactly("naked 0b");
        assertThat(negotiation.receiveNak(Hex.bytes("01 09"))).as("malformed").isFalse();
    }

    @Test
    void aRejectMayOnlyNameOptionsOfOurLastRequest() {
        anything.request = Hex.bytes("01");
        onlyTen.request = Hex.bytes("0a");
        negotiation.configureRequest();
        assertThat(negotiation.receiveReject(Hex.bytes("03 02")))
                .as("never requested")
                .isFalse();
        assertThat(negotiation.receiveReject(Hex.bytes("02 03 0b")))
                .as("value changed")
                .isFalse();
        assertThat(onlyTen.events).isEmpty();
        assertThat(negotiation.receiveReject(Hex.bytes("02 03 0a"))).isTrue();
        assertThat(onlyTen.events).containsExactly("rejected");
        assertThat(anything.events).isEmpty();
    }

    @Test
    void sendingAnAckTellsEveryHandlerThePeersValueOrItsAbsence() {
        Negotiation.Reply reply = reply(Hex.bytes("02 03 0a"));
        negotiation.acknowledged(reply);
        assertThat(onlyTen.events).containsExactly("peerAcked 0a");
        assertThat(anything.events).containsExactly("peerAbsent");
        assertThat(never.events).containsExactly("peerAbsent");
    }

    @Test
    void describesOptionsTheWayPppdLogsThem() {
        assertThat(negotiation.describe(Hex.bytes("01 03 ff  09 03 01  0b 02")))
                .isEqualTo("<anything ff> <nine 01> <option-11>");
    }

    private Negotiation.Reply reply(byte[] request) {
        return (Negotiation.Reply) negotiation.respond(request);
    }

    /** A handler whose verdicts come from a function and whose callbacks are recorded. */
    private static final class Recording implements OptionHandler {
        final int type;
        final String name;
        final java.util.function.Function<byte[], Verdict> verdicts;
        final List<String> events = new ArrayList<>();
        byte[] request;
        byte[] hintWhenAbsent;

        Recording(int type, String name, java.util.function.Function<byte[], Verdict> verdicts) {
            this.type = type;
            this.name = name;
            this.verdicts = verdicts;
        }

        @Override
        public int type() {
            return type;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<byte[]> request() {
            return Optional.ofNullable(request);
        }

        @Override
        public Verdict review(byte[] peerValue) {
            return verdicts.apply(peerValue);
        }

        @Override
        public Optional<byte[]> hintWhenAbsent() {
            return Optional.ofNullable(hintWhenAbsent);
        }

        @Override
        public void acked(byte[] value) {
            events.add("acked " + Hex.string(value));
        }

        @Override
        public void naked(byte[] hint) {
            events.add("naked " + Hex.string(hint));
        }

        @Override
        public void rejected() {
            events.add("rejected");
        }

        @Override
        public void peerAcked(byte[] value) {
            events.add("peerAcked " + Hex.string(value));
        }

        @Override
        public void peerAbsent() {
            events.add("peerAbsent");
        }
    }
}
